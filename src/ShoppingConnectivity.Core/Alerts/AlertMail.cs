using System.Globalization;
using System.Net;
using System.Text;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>Turns notices into mails: one per distinct recipient list, every notice of the digest in it.</summary>
public static class AlertMail
{
    public const string SubjectPrefix = "[Shopping Connectivity]";

    /// <summary>At most this many hosts are listed per edge (a client flow can have thousands).</summary>
    public const int MaxHostsListed = 15;

    /// <param name="portsOf">The ports the estate's plans probe for a flow ("1433 (sql02: 14330)"); null: the catalogue's.</param>
    /// <param name="alertIdOf">The stored id of an alert by its key, for the link to its page (/alerts/{id}); null: no such link.</param>
    /// <param name="marks">The estate's blame marks now: each notice names those that explain its flow ("Suspect: ...").</param>
    public static IReadOnlyList<AlertMessage> Compose(IReadOnlyList<AlertNotice> notices, AlertRecipients recipients, FlowCatalogue catalogue, string? publicUrl,
        Func<Flow, string>? portsOf = null, Func<string, long?>? alertIdOf = null, IReadOnlyList<BlameMark>? marks = null)
    {
        return notices
            .GroupBy(n => string.Join(",", recipients.For(n.Flow)), StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var list = g.ToList();
                var to = recipients.For(list[0].Flow);
                return new AlertMessage(to, Subject(list, catalogue, portsOf), Text(list, catalogue, publicUrl, portsOf, alertIdOf, marks),
                    Html(list, catalogue, publicUrl, portsOf, alertIdOf, marks), list);
            })
            .ToList();
    }

    public static string Subject(IReadOnlyList<AlertNotice> notices, FlowCatalogue catalogue, Func<Flow, string>? portsOf = null)
    {
        if (notices.Count == 1)
        {
            var n = notices[0];
            var tail = n.Kind switch
            {
                NoticeKind.Recovered => $" after {Durations.Describe(n.Outage)}",
                NoticeKind.Reminder => $" for {Durations.Describe(n.Outage)}",
                _ => "",
            };
            return $"{SubjectPrefix} {Headline(n.Kind)}: {EdgeName(n.Flow, catalogue, portsOf?.Invoke(n.Flow))}{tail}";
        }

        var counts = string.Join(", ", notices.GroupBy(n => n.Kind).OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {Headline(g.Key).ToLowerInvariant()}"));
        return $"{SubjectPrefix} {counts}: {string.Join("; ", notices.Select(n => EdgeName(n.Flow, catalogue, portsOf?.Invoke(n.Flow))))}";
    }

    public static string Text(IReadOnlyList<AlertNotice> notices, FlowCatalogue catalogue, string? publicUrl, Func<Flow, string>? portsOf = null,
        Func<string, long?>? alertIdOf = null, IReadOnlyList<BlameMark>? marks = null)
    {
        var text = new StringBuilder();
        if (notices.Count > 1) text.Append(CultureInfo.InvariantCulture, $"{notices.Count} edges changed together:\n\n");
        foreach (var n in notices)
        {
            var f = n.Flow;
            text.Append(CultureInfo.InvariantCulture, $"{Headline(n.Kind)}: {EdgeName(f, catalogue, portsOf?.Invoke(f))}\n");
            text.Append(CultureInfo.InvariantCulture, $"  {Summary(n)}\n");
            text.Append(CultureInfo.InvariantCulture, $"  Flow: {f.Id} ({f.Purpose})\n");
            if (n.Kind != NoticeKind.Recovered && n.Status.MainOutcome is { } outcome)
                text.Append(CultureInfo.InvariantCulture, $"  Outcome: {outcome} ({n.Status.Why})\n");
            if (Suspect(n, marks) is { } suspect) text.Append(CultureInfo.InvariantCulture, $"  Suspect: {suspect}\n");
            var hosts = n.Status.Broken;
            if (hosts.Count > 0)
            {
                text.Append(n.Kind == NoticeKind.Recovered ? "  Hosts that were broken:\n" : "  Hosts:\n");
                foreach (var b in hosts.Take(MaxHostsListed))
                {
                    text.Append(CultureInfo.InvariantCulture, $"    {b.SourceHost} -> {b.TargetHost}:{b.Port} {HostState(n.Kind, b)}");
                    if (!string.IsNullOrWhiteSpace(b.Detail)) text.Append(CultureInfo.InvariantCulture, $" ({b.Detail})");
                    text.Append('\n');
                }

                if (hosts.Count > MaxHostsListed) text.Append(CultureInfo.InvariantCulture, $"    ... and {hosts.Count - MaxHostsListed} more\n");
            }

            if (n.Kind != NoticeKind.Recovered && Hint(n) is { } hint) text.Append(CultureInfo.InvariantCulture, $"  Hint: {hint}\n");
            if (Link(publicUrl, $"/?edge={Uri.EscapeDataString(f.Id)}") is { } drill) text.Append(CultureInfo.InvariantCulture, $"  Drill-down: {drill}\n");
            if (Link(publicUrl, AlertPath(n, alertIdOf)) is { } alert)
                text.Append(CultureInfo.InvariantCulture, $"  {(n.Kind == NoticeKind.Recovered ? "Alert" : "Acknowledge")}: {alert}\n");
            if (Link(publicUrl, $"/trends/{Uri.EscapeDataString(f.Id)}") is { } trend) text.Append(CultureInfo.InvariantCulture, $"  Trend: {trend}\n");
            if (Link(publicUrl, "/alerts") is { } history) text.Append(CultureInfo.InvariantCulture, $"  Alert history: {history}\n");
            text.Append('\n');
        }

        text.Append("Sent by Shopping Connectivity central. Acknowledge an alert on its page to stop its reminders.\n");
        return text.ToString();
    }

    public static string Html(IReadOnlyList<AlertNotice> notices, FlowCatalogue catalogue, string? publicUrl, Func<Flow, string>? portsOf = null,
        Func<string, long?>? alertIdOf = null, IReadOnlyList<BlameMark>? marks = null)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#263238\">");
        if (notices.Count > 1) html.Append(CultureInfo.InvariantCulture, $"<p>{notices.Count} edges changed together:</p>");
        foreach (var n in notices)
        {
            var f = n.Flow;
            var colour = n.Kind == NoticeKind.Recovered ? "#2e7d32" : n.Kind == NoticeKind.Flapping ? "#ef6c00" : "#c62828";
            html.Append(CultureInfo.InvariantCulture,
                $"<h2 style=\"color:{colour};font-size:16px\">{E(Icon(n.Kind))} {E(Headline(n.Kind))}: {E(EdgeName(f, catalogue, portsOf?.Invoke(f)))}</h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(Summary(n))}</p><table style=\"border-collapse:collapse\">");
            Row(html, "Flow", $"{f.Id} ({f.Purpose})");
            if (n.Kind != NoticeKind.Recovered && n.Status.MainOutcome is { } outcome) Row(html, "Outcome", $"{outcome} ({n.Status.Why})");
            if (Suspect(n, marks) is { } suspect) Row(html, "Suspect", suspect);
            if (n.Kind != NoticeKind.Recovered && Hint(n) is { } hint) Row(html, "Hint", hint);
            html.Append("</table>");
            var hosts = n.Status.Broken;
            if (hosts.Count > 0)
            {
                html.Append(n.Kind == NoticeKind.Recovered ? "<p>Hosts that were broken:</p>" : "<p>Hosts:</p>");
                html.Append("<ul>");
                foreach (var b in hosts.Take(MaxHostsListed))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{E(b.SourceHost)} &rarr; {E(b.TargetHost)}:{b.Port} {E(HostState(n.Kind, b))}");
                    if (!string.IsNullOrWhiteSpace(b.Detail)) html.Append(CultureInfo.InvariantCulture, $" <i>({E(b.Detail)})</i>");
                    html.Append("</li>");
                }

                if (hosts.Count > MaxHostsListed) html.Append(CultureInfo.InvariantCulture, $"<li>... and {hosts.Count - MaxHostsListed} more</li>");
                html.Append("</ul>");
            }

            var links = new List<string>();
            if (Link(publicUrl, $"/?edge={Uri.EscapeDataString(f.Id)}") is { } drill) links.Add($"<a href=\"{E(drill)}\">Open the edge</a>");
            if (Link(publicUrl, AlertPath(n, alertIdOf)) is { } alert)
                links.Add($"<a href=\"{E(alert)}\">{(n.Kind == NoticeKind.Recovered ? "The alert" : "Acknowledge")}</a>");
            if (Link(publicUrl, $"/trends/{Uri.EscapeDataString(f.Id)}") is { } trend) links.Add($"<a href=\"{E(trend)}\">Trend</a>");
            if (Link(publicUrl, "/alerts") is { } history) links.Add($"<a href=\"{E(history)}\">Alert history</a>");
            if (links.Count > 0) html.Append(CultureInfo.InvariantCulture, $"<p>{string.Join(" &middot; ", links)}</p>");
            html.Append("<hr/>");
        }

        html.Append("<p style=\"color:#607d8b;font-size:12px\">Sent by Shopping Connectivity central. Acknowledge an alert on its page to stop its reminders.</p></body></html>");
        return html.ToString();

        static void Row(StringBuilder html, string name, string value) =>
            html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:2px 12px 2px 0;color:#607d8b\">{E(name)}</td><td>{E(value)}</td></tr>");
    }

    /// <summary>"Shopping Website -> Shopping DB (SQL Server) TCP 1433 (sql02: 14330)": the ports given, else the catalogue's.</summary>
    public static string EdgeName(Flow flow, FlowCatalogue catalogue, string? ports = null) =>
        $"{catalogue.FindRole(flow.From)?.Name ?? flow.From} -> {catalogue.FindRole(flow.To)?.Name ?? flow.To} TCP {ports ?? flow.PortsLabel}";

    public static string Headline(NoticeKind kind) => kind switch
    {
        NoticeKind.Broken => "BROKEN",
        NoticeKind.Recovered => "RECOVERED",
        NoticeKind.Reminder => "STILL BROKEN",
        _ => "FLAPPING",
    };

    private static string Icon(NoticeKind kind) => kind switch
    {
        NoticeKind.Recovered => "\u2714",
        NoticeKind.Flapping => "\u21c5",
        _ => "\u2716",
    };

    private static string Summary(AlertNotice n) => n.Kind switch
    {
        NoticeKind.Broken => $"Broken since {Time(n.Since)}.",
        NoticeKind.Recovered => $"Recovered at {Time(n.RecoveredAt ?? n.At)} after an outage of {Durations.Describe(n.Outage)} (broken since {Time(n.Since)}).",
        NoticeKind.Reminder => $"Still broken, since {Time(n.Since)} ({Durations.Describe(n.Outage)}); not acknowledged yet.",
        _ => $"Breaking and recovering again and again since {Time(n.Since)}; single changes are not mailed until it settles.",
    };

    /// <summary>
    /// "TimedOut since 14:02" while broken; once recovered, what it failed with, from when, and when it was well again
    /// ("was TimedOut from 14:02, reachable again at 14:20"): the outcome kept from while it was broken, not the current one.
    /// </summary>
    private static string HostState(NoticeKind kind, BrokenLink b)
    {
        var since = b.FailingSince is { } s ? Time(s) : null;
        if (kind != NoticeKind.Recovered) return since is null ? b.Outcome.ToString() : $"{b.Outcome} since {since}";
        var failed = b.Outcome == ProbeOutcome.Reachable ? "failing" : b.Outcome.ToString();
        return $"was {failed}" + (since is null ? "" : $" from {since}") + (b.RecoveredAt is { } r ? $", reachable again at {Time(r)}" : "");
    }

    private static string? Hint(AlertNotice n)
    {
        var first = n.Status.MainOutcome is { } outcome ? n.Status.Broken.First(b => b.Outcome == outcome) : null;
        return first is null ? null : Hints.For(first.Outcome, first.SourceHost, first.TargetHost, first.Port);
    }

    private static string? Link(string? publicUrl, string? pathAndQuery) =>
        string.IsNullOrWhiteSpace(publicUrl) || pathAndQuery is null ? null : publicUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>The alert's own page, where it is acknowledged; null while its id is not known.</summary>
    private static string? AlertPath(AlertNotice n, Func<string, long?>? alertIdOf) =>
        alertIdOf?.Invoke(n.AlertKey) is { } id ? $"/alerts/{id.ToString(CultureInfo.InvariantCulture)}" : null;

    /// <summary>The marks that explain the notice's flow, hosts first; none for a recovery (nothing fails any more).</summary>
    private static string? Suspect(AlertNotice n, IReadOnlyList<BlameMark>? marks)
    {
        if (marks is null || n.Kind == NoticeKind.Recovered) return null;
        var texts = marks.Where(m => m.FlowIds.Contains(n.Flow.Id, StringComparer.Ordinal)).OrderBy(m => m.Kind == BlameKind.Edge)
            .Select(m => m.Kind == BlameKind.Edge ? $"the edge itself ({m.Text})" : m.Text).ToList();
        return texts.Count == 0 ? null : string.Join("; ", texts);
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
