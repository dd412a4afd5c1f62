using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Alert settings, bound from "Central:Alerts". The SMTP server is set in the UI (Settings, SMTP), not here.</summary>
public sealed class AlertOptions
{
    public const string Section = "Central:Alerts";

    /// <summary>Off: no alert is evaluated and no mail queued (links still count their runs).</summary>
    public bool Enabled { get; set; } = true;

    public int BrokenAfter { get; set; } = 3;
    public int RecoveredAfter { get; set; } = 2;

    /// <summary>0: any broken link fires a server flow's edge alert.</summary>
    public double ServerBrokenShare { get; set; }

    /// <summary>Unset: Central:ClientBrokenShare, the share at which the diagram turns a client edge red.</summary>
    public double? ClientBrokenShare { get; set; }

    public int GroupingSeconds { get; set; } = 60;

    /// <summary>0: no reminders.</summary>
    public int ReminderMinutes { get; set; } = 240;

    public int FlapTransitions { get; set; } = 4;

    /// <summary>0: no flap damping.</summary>
    public int FlapWindowMinutes { get; set; } = 60;

    /// <summary>How often the alert rules run over the live links.</summary>
    public int EvaluateSeconds { get; set; } = 5;

    /// <summary>How often queued mail is sent (or retried).</summary>
    public int DeliverySeconds { get; set; } = 5;

    /// <summary>Wait after the first failed attempt to send a mail; doubled per attempt up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryFirstSeconds { get; set; } = 30;

    public int RetryMaxSeconds { get; set; } = 900;

    public Dictionary<string, FlowAlertOptions> Flows { get; set; } = new(StringComparer.Ordinal);

    public RecipientOptions Recipients { get; set; } = new();

    public AlertSettings ToSettings(double centralClientBrokenShare) => new()
    {
        BrokenAfter = BrokenAfter,
        RecoveredAfter = RecoveredAfter,
        ServerBrokenShare = ServerBrokenShare,
        ClientBrokenShare = ClientBrokenShare ?? centralClientBrokenShare,
        GroupingWindow = TimeSpan.FromSeconds(GroupingSeconds),
        ReminderInterval = TimeSpan.FromMinutes(ReminderMinutes),
        FlapTransitions = FlapTransitions,
        FlapWindow = TimeSpan.FromMinutes(FlapWindowMinutes),
        Flows = Flows.ToDictionary(f => f.Key, f => new FlowAlertSettings(f.Value.BrokenAfter, f.Value.RecoveredAfter, f.Value.BrokenShare), StringComparer.Ordinal),
        Recipients = new AlertRecipients(
            Recipients.Default,
            Recipients.Flows.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal),
            Recipients.Roles.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal)),
    };

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryFirstSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}

/// <summary>One flow's own alert thresholds (Central:Alerts:Flows:{flowId}).</summary>
public sealed class FlowAlertOptions
{
    public int? BrokenAfter { get; set; }
    public int? RecoveredAfter { get; set; }
    public double? BrokenShare { get; set; }
}

/// <summary>Mail addresses: per flow id, per role id (a flow's from and to roles), and the default list for the rest.</summary>
public sealed class RecipientOptions
{
    public List<string> Default { get; set; } = [];
    public Dictionary<string, List<string>> Flows { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> Roles { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Lists every invalid alert setting with its configuration key.</summary>
public sealed class AlertOptionsValidator(FlowCatalogue catalogue) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var s = AlertOptions.Section;
        // The Core settings name their own keys under the same section (Central:Alerts:BrokenAfter ...).
        var errors = new List<string>(options.ToSettings(AlertSettings.Default.ClientBrokenShare).Validate(catalogue, s));
        if (options.EvaluateSeconds is < 1 or > 3600)
            errors.Add($"{s}:EvaluateSeconds must be between 1 and 3600 (is {options.EvaluateSeconds}).");
        if (options.DeliverySeconds is < 1 or > 3600)
            errors.Add($"{s}:DeliverySeconds must be between 1 and 3600 (is {options.DeliverySeconds}).");
        if (options.RetryFirstSeconds is < 1 or > 86_400)
            errors.Add($"{s}:RetryFirstSeconds must be between 1 and 86400 (is {options.RetryFirstSeconds}).");
        if (options.RetryMaxSeconds < options.RetryFirstSeconds || options.RetryMaxSeconds > 86_400)
            errors.Add($"{s}:RetryMaxSeconds must be between {s}:RetryFirstSeconds ({options.RetryFirstSeconds}) and 86400 (is {options.RetryMaxSeconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
