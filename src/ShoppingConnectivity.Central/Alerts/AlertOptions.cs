using ShoppingConnectivity.Core.Alerts;

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

    /// <summary>Chat and webhook channels by name (Central:Alerts:Channels:ops:Kind ...); they get every notice the mail gets.</summary>
    public Dictionary<string, Channels.ChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

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
