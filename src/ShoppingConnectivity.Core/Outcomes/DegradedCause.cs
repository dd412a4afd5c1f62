using System.Globalization;
using System.Text.RegularExpressions;

namespace ShoppingConnectivity.Core.Outcomes;

/// <summary>
/// Why a reachable link is degraded, in the few words an edge label or a matrix cell has room for: "certificate
/// expires in 4 days". Read from the agent's detail (its certificate judge writes the expiry as
/// "expires 2026-12-09 10:00 UTC" or "EXPIRED on ..."), and counted against central's clock so it stays true as days pass.
/// </summary>
/// <param name="Text">"certificate expires in 4 days", "certificate expired 2 days ago", "no certificate shown".</param>
/// <param name="Urgency">When it bites: the expiry; the earliest possible moment when there is nothing to wait for.</param>
public sealed partial record DegradedCause(string Text, DateTimeOffset Urgency)
{
    /// <summary>How <see cref="Text"/> begins for a certificate still valid ("certificate expires in 4 days").</summary>
    public const string ExpiresPrefix = "certificate expires";

    /// <summary>How <see cref="Text"/> begins for a certificate past its expiry ("certificate expired 2 days ago").</summary>
    public const string ExpiredPrefix = "certificate expired";

    public const string NoCertificate = "no certificate shown";

    public static DegradedCause Of(string? detail, DateTimeOffset now)
    {
        if (detail is not null)
        {
            if (Expiry().Match(detail) is { Success: true } m
                && DateTimeOffset.TryParseExact(m.Groups["at"].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var notAfter))
            {
                return new(Describe(notAfter, now), notAfter);
            }

            if (detail.Contains("showed no certificate", StringComparison.Ordinal)) return new(NoCertificate, DateTimeOffset.MinValue);
        }

        return new("degraded (see the links)", DateTimeOffset.MinValue);
    }

    private static string Describe(DateTimeOffset notAfter, DateTimeOffset now)
    {
        var left = notAfter - now;
        if (left < TimeSpan.Zero)
        {
            var ago = (int)Math.Floor(-left.TotalDays);
            return ago == 0 ? $"{ExpiredPrefix} today" : $"{ExpiredPrefix} {Days(ago)} ago";
        }

        var days = (int)Math.Floor(left.TotalDays);
        return days == 0 ? $"{ExpiresPrefix} today" : $"{ExpiresPrefix} in {Days(days)}";
    }

    private static string Days(int n) => n == 1 ? "1 day" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} days";

    [GeneratedRegex(@"(?:EXPIRED on|expires) (?<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC", RegexOptions.CultureInvariant)]
    private static partial Regex Expiry();
}
