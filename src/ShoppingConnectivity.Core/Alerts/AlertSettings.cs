using System.Globalization;
using System.Net.Mail;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// Every alert setting. Defaults follow the design: a link is broken after 3 failed runs in a row and recovered after
/// 2 good ones; a server flow's edge alerts on any broken link, a client flow's at 5 % of its links.
/// </summary>
public sealed record AlertSettings
{
    public int BrokenAfter { get; init; } = 3;
    public int RecoveredAfter { get; init; } = 2;

    /// <summary>0: any broken link fires the edge alert.</summary>
    public double ServerBrokenShare { get; init; }

    public double ClientBrokenShare { get; init; } = 0.05;

    /// <summary>Edges that break (or recover) within this window of the first one go out in one mail.</summary>
    public TimeSpan GroupingWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reminders while an unacknowledged edge stays broken, at most this often; zero: no reminders.</summary>
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromHours(4);

    /// <summary>An edge that changes state this many times within <see cref="FlapWindow"/> is flapping.</summary>
    public int FlapTransitions { get; init; } = 4;

    /// <summary>Window for counting flaps; a flapping edge calms down after a whole window without a change.</summary>
    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromHours(1);

    public IReadOnlyDictionary<string, FlowAlertSettings> Flows { get; init; } = new Dictionary<string, FlowAlertSettings>(StringComparer.Ordinal);

    public AlertRecipients Recipients { get; init; } = AlertRecipients.None;

    public static AlertSettings Default { get; } = new();

    public AlertRule RuleFor(Flow flow)
    {
        var own = Flows.GetValueOrDefault(flow.Id);
        return new AlertRule(
            own?.BrokenAfter ?? BrokenAfter,
            own?.RecoveredAfter ?? RecoveredAfter,
            own?.BrokenShare ?? (flow.IsClientFlow ? ClientBrokenShare : ServerBrokenShare));
    }

    /// <summary>Every invalid value, each named by its configuration key under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(FlowCatalogue catalogue, string prefix)
    {
        var errors = new List<string>();
        CheckRuns(errors, $"{prefix}:BrokenAfter", BrokenAfter);
        CheckRuns(errors, $"{prefix}:RecoveredAfter", RecoveredAfter);
        CheckShare(errors, $"{prefix}:ServerBrokenShare", ServerBrokenShare);
        CheckShare(errors, $"{prefix}:ClientBrokenShare", ClientBrokenShare);
        if (GroupingWindow < TimeSpan.Zero || GroupingWindow > TimeSpan.FromHours(1))
            errors.Add($"{prefix}:GroupingSeconds must be between 0 and 3600 (is {GroupingWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture)}).");
        if (ReminderInterval < TimeSpan.Zero || ReminderInterval > TimeSpan.FromDays(30))
            errors.Add($"{prefix}:ReminderMinutes must be between 0 (no reminders) and 43200 (is {ReminderInterval.TotalMinutes.ToString(CultureInfo.InvariantCulture)}).");
        if (FlapTransitions is < 2 or > 1000)
            errors.Add($"{prefix}:FlapTransitions must be between 2 and 1000 (is {FlapTransitions}).");
        if ((FlapWindow < TimeSpan.FromMinutes(1) && FlapWindow != TimeSpan.Zero) || FlapWindow > TimeSpan.FromDays(7))
            errors.Add($"{prefix}:FlapWindowMinutes must be 0 (no flap damping) or between 1 and 10080 (is {FlapWindow.TotalMinutes.ToString(CultureInfo.InvariantCulture)}).");

        foreach (var (flowId, flow) in Flows)
        {
            var key = $"{prefix}:Flows:{flowId}";
            if (catalogue.FindFlow(flowId) is null)
            {
                errors.Add($"{key}: unknown flow '{flowId}' (see GET /api/v1/catalogue for the flow ids).");
                continue;
            }

            if (flow.BrokenAfter is { } n) CheckRuns(errors, $"{key}:BrokenAfter", n);
            if (flow.RecoveredAfter is { } m) CheckRuns(errors, $"{key}:RecoveredAfter", m);
            if (flow.BrokenShare is { } share) CheckShare(errors, $"{key}:BrokenShare", share);
        }

        CheckAddresses(errors, $"{prefix}:Recipients:Default", Recipients.Default);
        foreach (var (flowId, list) in Recipients.Flows)
        {
            var key = $"{prefix}:Recipients:Flows:{flowId}";
            if (catalogue.FindFlow(flowId) is null) errors.Add($"{key}: unknown flow '{flowId}'.");
            CheckAddresses(errors, key, list);
        }

        foreach (var (roleId, list) in Recipients.Roles)
        {
            var key = $"{prefix}:Recipients:Roles:{roleId}";
            if (catalogue.Roles.All(r => !string.Equals(r.Id, roleId, StringComparison.Ordinal)))
                errors.Add($"{key}: unknown role '{roleId}' (known: {string.Join(", ", catalogue.Roles.Select(r => r.Id))}).");
            CheckAddresses(errors, key, list);
        }

        return errors;
    }

    public static bool IsMailAddress(string text) =>
        MailAddress.TryCreate(text.Trim(), out var parsed) && string.Equals(parsed.Address, text.Trim(), StringComparison.OrdinalIgnoreCase);

    private static void CheckRuns(List<string> errors, string key, int value)
    {
        if (value is < 1 or > 1000) errors.Add($"{key} must be between 1 and 1000 runs (is {value}).");
    }

    private static void CheckShare(List<string> errors, string key, double value)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
            errors.Add($"{key} must be between 0 (any link) and 1 (is {value.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static void CheckAddresses(List<string> errors, string key, IReadOnlyList<string> addresses)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            if (!IsMailAddress(addresses[i])) errors.Add($"{key}:{i}: '{addresses[i]}' is not an email address.");
        }
    }
}
