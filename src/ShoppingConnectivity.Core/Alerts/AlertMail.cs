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
                NoticeKind.Degraded when n.Status.Cause is { } cause => $": {cause}",
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
            if (OutcomeLine(n) is { } outcome) text.Append(CultureInfo.InvariantCulture, $"  Outcome: {outcome}\n");
            if (Suspect(n, marks) is { } suspect) text.Append(CultureInfo.InvariantCulture, $"  Suspect: {suspect}\n");
            foreach (var (title, hosts, more) in HostLists(n))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {title}:\n");
                foreach (var h in hosts)
                {
                    text.Append(CultureInfo.InvariantCulture, $"    {h.Source} \u2192 {h.Target}:{h.Port} {h.State}");
                    if (!string.IsNullOrWhiteSpace(h.Detail)) text.Append(CultureInfo.InvariantCulture, $" ({h.Detail})");
                    text.Append('\n');
                }

                if (more > 0) text.Append(CultureInfo.InvariantCulture, $"    ... and {more} more\n");
            }

            if (Hint(n) is { } hint) text.Append(CultureInfo.InvariantCulture, $"  Hint: {hint}\n");
            if (Link(publicUrl, $"/?edge={Uri.EscapeDataString(f.Id)}") is { } drill) text.Append(CultureInfo.InvariantCulture, $"  Drill-down: {drill}\n");
            if (Link(publicUrl, AlertPath(n, alertIdOf)) is { } alert)
                text.Append(CultureInfo.InvariantCulture, $"  {(Acknowledgeable(n.Kind) ? "Acknowledge" : "Alert")}: {alert}\n");
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
            var colour = Colour(n.Kind);
            html.Append(CultureInfo.InvariantCulture,
                $"<h2 style=\"color:{colour};font-size:16px\">{E(Icon(n.Kind))} {E(Headline(n.Kind))}: {E(EdgeName(f, catalogue, portsOf?.Invoke(f)))}</h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(Summary(n))}</p><table style=\"border-collapse:collapse\">");
            Row(html, "Flow", $"{f.Id} ({f.Purpose})");
            if (OutcomeLine(n) is { } outcome) Row(html, "Outcome", outcome);
            if (Suspect(n, marks) is { } suspect) Row(html, "Suspect", suspect);
            if (Hint(n) is { } hint) Row(html, "Hint", hint);
            html.Append("</table>");
            foreach (var (title, hosts, more) in HostLists(n))
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{E(title)}:</p><ul>");
                foreach (var h in hosts)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{E(h.Source)} &rarr; {E(h.Target)}:{h.Port} {E(h.State)}");
                    if (!string.IsNullOrWhiteSpace(h.Detail)) html.Append(CultureInfo.InvariantCulture, $" <i>({E(h.Detail)})</i>");
                    html.Append("</li>");
                }

                if (more > 0) html.Append(CultureInfo.InvariantCulture, $"<li>... and {more} more</li>");
                html.Append("</ul>");
            }

            var links = new List<string>();
            if (Link(publicUrl, $"/?edge={Uri.EscapeDataString(f.Id)}") is { } drill) links.Add($"<a href=\"{E(drill)}\">Open the edge</a>");
            if (Link(publicUrl, AlertPath(n, alertIdOf)) is { } alert)
                links.Add($"<a href=\"{E(alert)}\">{(Acknowledgeable(n.Kind) ? "Acknowledge" : "The alert")}</a>");
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

    /// <summary>
    /// "Shopping Website → Shopping DB (SQL Server) TCP 1433 (sql02: 14330)": the ports given, else the catalogue's; the
    /// same arrow as the pages (the subject is sent UTF-8 encoded).
    /// </summary>
    public static string EdgeName(Flow flow, FlowCatalogue catalogue, string? ports = null) =>
        $"{catalogue.FindRole(flow.From)?.Name ?? flow.From} \u2192 {catalogue.FindRole(flow.To)?.Name ?? flow.To} TCP {ports ?? flow.PortsLabel}";

    public static string Headline(NoticeKind kind) => kind switch
    {
        NoticeKind.Broken => "BROKEN",
        NoticeKind.Recovered => "RECOVERED",
        NoticeKind.Reminder => "STILL BROKEN",
        NoticeKind.Degraded => "DEGRADED",
        NoticeKind.Cleared => "NO LONGER DEGRADED",
        _ => "FLAPPING",
    };

    /// <summary>The headline's colour: red broken, amber degraded (as the diagram's amber), orange flapping, green well again.</summary>
    public static string Colour(NoticeKind kind) => kind switch
    {
        NoticeKind.Recovered or NoticeKind.Cleared => "#2e7d32",
        NoticeKind.Flapping => "#ef6c00",
        NoticeKind.Degraded => "#b26a00",
        _ => "#c62828",
    };

    private static string Icon(NoticeKind kind) => kind switch
    {
        NoticeKind.Recovered or NoticeKind.Cleared => "\u2714",
        NoticeKind.Flapping => "\u21c5",
        NoticeKind.Degraded => "\u26a0",
        _ => "\u2716",
    };

    /// <summary>Mails about a broken edge link to its page to acknowledge it (which stops the reminders); the others just to the alert.</summary>
    private static bool Acknowledgeable(NoticeKind kind) => kind is NoticeKind.Broken or NoticeKind.Reminder or NoticeKind.Flapping;

    /// <summary>The notice in one sentence ("Broken since ..."), as the mail and the chat messages say it.</summary>
    public static string Summary(AlertNotice n) => n.Kind switch
    {
        NoticeKind.Broken => $"Broken since {Time(n.Since)}.",
        NoticeKind.Recovered => $"Recovered at {Time(n.RecoveredAt ?? n.At)} after an outage of {Durations.Describe(n.Outage)} (broken since {Time(n.Since)})."
            + (n.Status.Cause is { } cause ? $" Reachable again, but still degraded: {cause}." : ""),
        NoticeKind.Reminder => $"Still broken, since {Time(n.Since)} ({Durations.Describe(n.Outage)}); not acknowledged yet.",
        NoticeKind.Degraded => $"Reachable, but degraded since {Time(n.Since)}: {n.Status.Cause ?? n.Status.Why}.",
        NoticeKind.Cleared => $"Healthy again at {Time(n.RecoveredAt ?? n.At)}: no longer degraded, after {Durations.Describe(n.Outage)} (degraded since {Time(n.Since)}).",
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

    /// <summary>"Outcome: TimedOut (1 of 2 link(s) broken)" while broken; "Reachable, degraded (...)" while degraded; none once well.</summary>
    public static string? OutcomeLine(AlertNotice n) => n.Kind switch
    {
        NoticeKind.Recovered or NoticeKind.Cleared => null,
        NoticeKind.Degraded => $"{ProbeOutcome.Reachable}, degraded ({n.Status.Why})",
        _ => n.Status.MainOutcome is { } outcome ? $"{outcome} ({n.Status.Why})" : null,
    };

    /// <summary>The hosts a notice names, under a title each: broken, still degraded, or no longer degraded.</summary>
    private static IEnumerable<(string Title, IEnumerable<HostLine> Hosts, int More)> HostLists(AlertNotice n)
    {
        IReadOnlyList<BrokenLink> broken = n.Kind == NoticeKind.Cleared ? [] : n.Status.Broken;
        if (n.Kind != NoticeKind.Degraded && broken.Count > 0)
        {
            yield return (n.Kind == NoticeKind.Recovered ? "Hosts that were broken" : "Hosts",
                broken.Take(MaxHostsListed).Select(b => new HostLine(b.SourceHost, b.TargetHost, b.Port, HostState(n.Kind, b), b.Detail)),
                Math.Max(0, broken.Count - MaxHostsListed));
        }

        var degraded = n.Status.Degraded;
        if (n.Kind is NoticeKind.Degraded or NoticeKind.Recovered or NoticeKind.Cleared && degraded.Count > 0)
        {
            var title = n.Kind switch { NoticeKind.Degraded => "Hosts", NoticeKind.Recovered => "Still degraded", _ => "Hosts that were degraded" };
            // Once cleared the cause is history ("was: ..."); the agent's detail then said what no longer holds, so it is left out.
            yield return (title, degraded.Take(MaxHostsListed).Select(d => n.Kind == NoticeKind.Cleared
                    ? new HostLine(d.SourceHost, d.TargetHost, d.Port, $"no longer degraded (was: {d.Cause})", null)
                    : new HostLine(d.SourceHost, d.TargetHost, d.Port, d.Cause, d.Detail)),
                Math.Max(0, degraded.Count - MaxHostsListed));
        }
    }

    public static string? Hint(AlertNotice n)
    {
        if (n.Kind == NoticeKind.Cleared) return null;
        if (n.Kind is NoticeKind.Degraded or NoticeKind.Recovered && n.Status.Degraded.Count > 0)
        {
            var d = n.Status.Degraded[0];
            return Hints.ForDegraded(d.Cause, d.SourceHost, d.TargetHost, d.Port);
        }

        if (n.Kind == NoticeKind.Recovered) return null;
        var first = n.Status.MainOutcome is { } outcome ? n.Status.Broken.First(b => b.Outcome == outcome) : null;
        return first is null ? null : Hints.For(first.Outcome, first.SourceHost, first.TargetHost, first.Port, detail: first.Detail);
    }

    private static string? Link(string? publicUrl, string? pathAndQuery) =>
        string.IsNullOrWhiteSpace(publicUrl) || pathAndQuery is null ? null : publicUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>The alert's own page, where it is acknowledged; null while its id is not known.</summary>
    private static string? AlertPath(AlertNotice n, Func<string, long?>? alertIdOf) =>
        alertIdOf?.Invoke(n.AlertKey) is { } id ? $"/alerts/{id.ToString(CultureInfo.InvariantCulture)}" : null;

    /// <summary>
    /// The marks that explain the notice's flow, hosts first; none for a recovery (nothing fails any more) nor for a
    /// degraded edge (its links answer: blame explains failures, the cause of degradation is in its host lines).
    /// </summary>
    public static string? Suspect(AlertNotice n, IReadOnlyList<BlameMark>? marks)
    {
        if (marks is null || n.Kind is NoticeKind.Recovered or NoticeKind.Degraded or NoticeKind.Cleared) return null;
        var texts = marks.Where(m => m.FlowIds.Contains(n.Flow.Id, StringComparer.Ordinal)).OrderBy(m => m.Kind == BlameKind.Edge)
            .Select(m => m.Kind == BlameKind.Edge ? $"the edge itself ({m.Text})" : m.Text).ToList();
        return texts.Count == 0 ? null : string.Join("; ", texts);
    }

    /// <summary>One host of a mail's list: "web01 -> dc01:636 certificate expires in 4 days (detail)".</summary>
    private readonly record struct HostLine(string Source, string Target, int Port, string State, string? Detail);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
