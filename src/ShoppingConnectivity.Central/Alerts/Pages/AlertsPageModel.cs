using MudBlazor;
using ShoppingConnectivity.Central.Components;

namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>The alerts page's list, outbox and notes being typed; how an alert's state and its mails' delivery read.</summary>
public sealed class AlertsPageModel
{
    private readonly Dictionary<long, string?> _notes = [];

    public IReadOnlyList<AlertView> Alerts { get; set; } = [];

    public OutboxSummary Outbox { get; set; } = new(0, null, null, null);

    /// <summary>Why the last acknowledgement was refused; null: it was not.</summary>
    public string? Error { get; set; }

    public int OpenCount => Alerts.Count(a => a.IsOpen);

    public string? NoteOf(long id) => _notes.GetValueOrDefault(id);

    public void SetNote(long id, string? note) => _notes[id] = note;

    /// <summary>The acknowledgement went through: its note is done with.</summary>
    public void Acknowledged(long id) => _notes.Remove(id);

    public static string StateText(AlertView alert) => !alert.IsOpen ? "Closed"
        : alert.Condition switch
        {
            "Broken" => "Broken",
            "Degraded" => "Degraded",
            "NoData" => "No data (held)",
            _ => alert.DegradedOnly ? "No longer degraded, mail pending" : "Recovered, mail pending",
        };

    /// <summary>Red broken, amber degraded (as the diagram), green closed.</summary>
    public static Color ColourOf(AlertView alert) => !alert.IsOpen ? Color.Success
        : alert.Condition switch { "Broken" => Color.Error, "Degraded" => Color.Warning, _ => Color.Default };

    public static string IconOf(AlertView alert) => !alert.IsOpen ? Icons.Material.Filled.CheckCircle
        : alert.Condition switch { "Broken" => Icons.Material.Filled.Error, "Degraded" => Icons.Material.Filled.Warning, _ => Icons.Material.Filled.HelpOutline };

    /// <summary>
    /// "Broken since ..., recovered ... (outage 12 min)"; for an alert that never broke "Degraded since ..., no longer
    /// degraded ... (for 3 days 2 h)".
    /// </summary>
    public static string SinceText(AlertView alert, DisplayZone zone)
    {
        var degraded = alert.DegradedOnly;
        var text = $"{(degraded ? "Degraded" : "Broken")} since {Formats.Moment(alert.Since, zone)}";
        if (alert.RecoveredAt is { } at)
            text += degraded
                ? $", no longer degraded {Formats.Moment(at, zone)} (for {Formats.Duration(at - alert.Since)})"
                : $", recovered {Formats.Moment(at, zone)} (outage {Formats.Duration(at - alert.Since)})";
        return text;
    }

    /// <summary>The alert's own page, which mails link to acknowledge it.</summary>
    public static string PageOf(AlertView alert) => $"/alerts/{alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string DeliveryOf(AlertMailView mail, DisplayZone zone) => mail.Status switch
    {
        "Sent" => $"Sent {Formats.Moment(mail.SentAt, zone)}",
        "Pending" => $"Waiting, next try {Formats.Moment(mail.NextAttemptAt, zone)}",
        _ => "Not sent: no recipients",
    };
}
