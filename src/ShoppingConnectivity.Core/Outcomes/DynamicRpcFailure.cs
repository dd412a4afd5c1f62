using System.Globalization;
using System.Text.RegularExpressions;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Outcomes;

/// <summary>
/// The rpc kind's second half failing: the endpoint mapper on 135 answered and named a dynamic port, and that port did
/// not. The agent writes the detail with <see cref="Describe"/>; the hints read it back with <see cref="TryParse"/>, so the
/// advice names the dynamic port and the range to open rather than 135, which is open.
/// </summary>
/// <param name="Range">The dynamic RPC range to open, "49152-65535".</param>
public sealed partial record DynamicRpcFailure(int DynamicPort, string Range, ProbeOutcome Outcome)
{
    /// <param name="where">"Port 135 of sms01.lab": the endpoint mapper that answered.</param>
    /// <param name="why">How the dynamic port failed, in brackets after the class: "no answer within 3,000 ms".</param>
    /// <param name="estateRange">The estate's range for the target; null: Windows' default.</param>
    public static string Describe(string where, int dynamicPort, ProbeOutcome outcome, string why, string? estateRange)
        => $"{where} answers, but the dynamic RPC port {dynamicPort} it named is {Class(outcome)} ({why}): open the dynamic RPC range {RangeText(estateRange)}.";

    /// <summary>"49152-65535 (Windows Server 2008 and later) or the range set on this server", or the estate's range.</summary>
    public static string RangeText(string? estateRange) => estateRange is null
        ? $"{RpcPortRange.WindowsDefault} (Windows Server 2008 and later) or the range set on this server"
        : $"{estateRange} (the estate's range for this server)";

    public static DynamicRpcFailure? TryParse(string? detail)
    {
        if (detail is null || Pattern().Match(detail) is not { Success: true } m) return null;
        var outcome = m.Groups["class"].Value switch
        {
            "filtered" => ProbeOutcome.TimedOut,
            "refused" => ProbeOutcome.Refused,
            _ => ProbeOutcome.Unreachable,
        };
        return new DynamicRpcFailure(int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture), m.Groups["range"].Value, outcome);
    }

    /// <summary>"filtered", "refused" or "unreachable": how a port failed, in the words of the detail.</summary>
    public static string Class(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.TimedOut => "filtered",
        ProbeOutcome.Refused => "refused",
        _ => "unreachable",
    };

    [GeneratedRegex(@"the dynamic RPC port (?<port>\d+) it named is (?<class>filtered|refused|unreachable) \(.*\): open the dynamic RPC range (?<range>\d+-\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
