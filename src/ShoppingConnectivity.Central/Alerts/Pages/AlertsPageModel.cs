using MudBlazor;
using ShoppingConnectivity.Central.Components;

namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>
/// The alerts page: its filters, the page of rows shown, the ticked rows and their note, the outbox; how an alert's
/// state, duration and mails' delivery read (also for an alert's own page).
/// </summary>
public sealed class AlertsPageModel
{
    /// <summary>Rows per page the table offers; the first is the default.</summary>
    public static readonly int[] PageSizes = [25, 50, 100];

    public AlertStateFilter State { get; set; } = AlertStateFilter.All;

    /// <summary>Only this flow's alerts; null: every flow.</summary>
    public string? FlowId { get; set; }

    /// <summary>Only alerts whose links name this host.</summary>
    public string? Host { get; set; }

    /// <summary>Text in the edge, links, outcome or acknowledgement.</summary>
    public string? Text { get; set; }

    /// <summary>An Operator or Admin: selects and acknowledges. A Viewer reads the list.</summary>
    public bool CanAct { get; set; }

    /// <summary>The rows ticked for acknowledgement (kept across pages and refreshes by id).</summary>
    public HashSet<AlertRow> Selected { get; set; } = new(RowsById.Instance);

    /// <summary>The one note every ticked alert is acknowledged with.</summary>
    public string? BulkNote { get; set; }

    /// <summary>Why the last acknowledgement (of some) was refused; null: it was not.</summary>
    public string? Error { get; set; }

    /// <summary>What the last action did ("3 alerts acknowledged").</summary>
    public string? Done { get; set; }

    public OutboxSummary Outbox { get; set; } = new(0, null, null, null);

    public int OpenCount { get; set; }

    /// <summary>Mails that wait for a person (held after a refused login, or without recipients), oldest first.</summary>
    public IReadOnlyList<UndeliveredMail> Failed { get; set; } = [];

    /// <summary>What "send again" did last.</summary>
    public string? Resent { get; set; }

    /// <summary>The banner over the list: how many mails were not sent, why (the newest reason) and what to fix.</summary>
    public string? FailedText => Failed.Count == 0 ? null
        : $"{Failed.Count} alert mail(s) not sent and not retried: {Failed[^1].LastError ?? Failed[^1].Status}. "
          + (Failed.Any(f => f.Status == AlertMessageRecord.Held) ? "Fix the login in Settings, SMTP" : $"Set the recipients ({AlertOptions.Section}:Recipients)")
          + ", then send them again.";

    /// <summary>The row's last mail waits for a person: the row is marked.</summary>
    public static bool DeliveryFailed(AlertRow alert) => alert.LastMail is { } mail && AlertMessageRecord.NeedsPerson.Contains(mail.Status);

    /// <summary>The rows of the page shown, as last loaded.</summary>
    public IReadOnlyList<AlertRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>A filter is set: "no alert" means none matches, not none at all.</summary>
    public bool IsFiltered => State != AlertStateFilter.All || !string.IsNullOrWhiteSpace(FlowId) || !string.IsNullOrWhiteSpace(Host) || !string.IsNullOrWhiteSpace(Text);

    /// <summary>The ticked alerts that can still be acknowledged (open, not yet acknowledged), lowest id first.</summary>
    public IReadOnlyList<long> Acknowledgeable => Selected.Where(r => r.IsOpen && r.AcknowledgedAt is null).Select(r => r.Id).Order().ToList();

    /// <summary>Filters from the address (unknown states read as all).</summary>
    public void Filter(string? state, string? flowId, string? host, string? text)
    {
        State = Enum.TryParse<AlertStateFilter>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : AlertStateFilter.All;
        (FlowId, Host, Text) = (NullIfBlank(flowId), NullIfBlank(host), NullIfBlank(text));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The query for the table's page, sort and this model's filters.</summary>
    public AlertQuery QueryFor(int page, int pageSize, string? sortLabel, bool descending) =>
        new(State, string.IsNullOrWhiteSpace(FlowId) ? null : FlowId, Host, Text, SortOf(sortLabel), sortLabel is null ? false : descending,
            Math.Max(0, page) * Math.Max(1, pageSize), Math.Max(1, pageSize));

    /// <summary>The column a sort label names; unsorted: open first, newest first.</summary>
    public static AlertSort SortOf(string? label) => Enum.TryParse<AlertSort>(label, ignoreCase: false, out var sort) ? sort : AlertSort.State;

    public void Show(AlertListPage page)
    {
        Rows = page.Rows;
        Total = page.Total;
    }

    /// <summary>After a bulk acknowledgement: what went through and what was refused; the ticks go.</summary>
    public void Acknowledged(int done, IReadOnlyList<string> errors)
    {
        Done = done == 0 ? null : done == 1 ? "1 alert acknowledged." : $"{done} alerts acknowledged.";
        Error = errors.Count == 0 ? null : string.Join(" ", errors);
        if (done > 0)
        {
            Selected.Clear();
            BulkNote = null;
        }
    }

    public static string StateText(AlertRow alert) => StateText(alert.IsOpen, alert.Condition, alert.DegradedOnly);

    public static Color ColourOf(AlertRow alert) => ColourOf(alert.IsOpen, alert.Condition);

    /// <summary>How long it is (or was) broken, live while it lasts: "12 min".</summary>
    public static string DurationText(AlertRow alert, DateTimeOffset now) => Formats.Duration(alert.Duration(now));

    /// <summary>The host its links point at (Core's <see cref="ShoppingConnectivity.Core.Alerts.AlertSuspect"/>); null: none stands out.</summary>
    public static string? BlamedHost(AlertRow alert) => string.IsNullOrEmpty(alert.Suspect) ? null : alert.Suspect;

    public static string AcknowledgedText(AlertRow alert) => alert.AcknowledgedAt is null ? (alert.IsOpen ? "Not yet" : "-") : alert.AcknowledgedBy ?? "-";

    /// <summary>The row's last mail: sent when, waiting until when, or why it was not sent.</summary>
    public static string DeliveryOf(AlertRowMail? mail, DisplayZone zone) => mail is null ? "No mail"
        : DeliveryOf(mail.Status, mail.SentAt, mail.NextAttemptAt, mail.LastError, zone);

    /// <summary>The alert's page (rows open it).</summary>
    public static string PageOf(AlertRow alert) => PageOf(alert.Id);

    private static string PageOf(long id) => $"/alerts/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string StateText(AlertView alert) => StateText(alert.IsOpen, alert.Condition, alert.DegradedOnly);

    private static string StateText(bool open, string condition, bool degradedOnly) => !open ? "Closed"
        : condition switch
        {
            "Broken" => "Broken",
            "Degraded" => "Degraded",
            "NoData" => "No data (held)",
            _ => degradedOnly ? "No longer degraded, mail pending" : "Recovered, mail pending",
        };

    /// <summary>Red broken, amber degraded (as the diagram), green closed.</summary>
    public static Color ColourOf(AlertView alert) => ColourOf(alert.IsOpen, alert.Condition);

    private static Color ColourOf(bool open, string condition) => !open ? Color.Success
        : condition switch { "Broken" => Color.Error, "Degraded" => Color.Warning, _ => Color.Default };

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
    public static string PageOf(AlertView alert) => PageOf(alert.Id);

    public static string DeliveryOf(AlertMailView mail, DisplayZone zone) => DeliveryOf(mail.Status, mail.SentAt, mail.NextAttemptAt, mail.LastError, zone);

    private static string DeliveryOf(string status, DateTimeOffset? sentAt, DateTimeOffset nextAttemptAt, string? lastError, DisplayZone zone) => status switch
    {
        AlertMessageRecord.Sent => $"Sent {Formats.Moment(sentAt, zone)}",
        AlertMessageRecord.Pending => $"Waiting, next try {Formats.Moment(nextAttemptAt, zone)}",
        AlertMessageRecord.NoRecipients => "Not sent: no recipients",
        _ => $"Not sent: {lastError}",
    };
}
