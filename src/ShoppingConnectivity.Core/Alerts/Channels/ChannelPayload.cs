using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Alerts.Channels;

/// <summary>
/// Turns one evaluation's notices into the body a chat or webhook channel gets: every notice of the digest in one
/// message, with the same words as the mail (<see cref="AlertMail"/>) and links to each alert's page.
/// </summary>
public static class ChannelPayload
{
    /// <summary>The generic webhook's schema version ("version" in its JSON); raised when a field changes meaning.</summary>
    public const int WebhookVersion = 1;

    /// <summary>Slack refuses a section text longer than this.</summary>
    public const int SlackSectionLimit = 3000;

    /// <summary>Slack refuses a message with more blocks than this.</summary>
    public const int SlackBlockLimit = 50;

    /// <summary>Slack refuses a header longer than this.</summary>
    public const int SlackHeaderLimit = 150;

    /// <summary>Teams refuses a card much above 28 KB; the card stays below this many UTF-8 bytes.</summary>
    public const int TeamsCardLimit = 27_000;

    /// <summary>Readable UTF-8 (arrows, quotes) rather than \u escapes: the body goes over HTTP, never into a page.</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="portsOf">The ports the estate's plans probe for a flow; null: the catalogue's.</param>
    /// <param name="alertIdOf">The stored id of an alert by its key, for the link to its page; null: no such link.</param>
    /// <param name="marks">The estate's blame marks now, for each notice's suspect.</param>
    public static string Compose(ChannelKind kind, IReadOnlyList<AlertNotice> notices, FlowCatalogue catalogue, string? publicUrl,
        Func<Flow, string>? portsOf = null, Func<string, long?>? alertIdOf = null, IReadOnlyList<BlameMark>? marks = null)
    {
        var items = notices.Select(n => Item.Of(n, catalogue, publicUrl, portsOf, alertIdOf, marks)).ToList();
        var subject = AlertMail.Subject(notices, catalogue, portsOf);
        return kind switch
        {
            ChannelKind.Teams => Teams(subject, items, Link(publicUrl, "/alerts")),
            ChannelKind.Slack => Slack(subject, items, Link(publicUrl, "/alerts")),
            _ => Webhook("alerts", subject, AlertMail.Text(notices, catalogue, publicUrl, portsOf, alertIdOf, marks), items),
        };
    }

    /// <summary>The "send test" message: says which channel it came through and when; names no alert.</summary>
    public static string Test(ChannelKind kind, string channel, string? publicUrl, DateTimeOffset at)
    {
        var subject = $"{AlertMail.SubjectPrefix} Test message";
        var text = $"Test message from Shopping Connectivity central through channel '{channel}' at {AlertMail.Time(at)}. Alerts will arrive here.";
        var history = Link(publicUrl, "/alerts");
        return kind switch
        {
            ChannelKind.Teams => Serialize(TeamsMessage([
                new JsonObject { ["type"] = "TextBlock", ["text"] = subject, ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true },
            ], history)),
            ChannelKind.Slack => Serialize(new JsonObject
            {
                ["text"] = SlackEscape(subject),
                ["blocks"] = new JsonArray(
                    new JsonObject { ["type"] = "header", ["text"] = PlainText(subject, SlackHeaderLimit) },
                    new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(SlackEscape(text)) }),
            }),
            _ => Webhook("test", subject, text, []),
        };
    }

    private static string Webhook(string kind, string subject, string text, IReadOnlyList<Item> items) => Serialize(new JsonObject
    {
        ["version"] = WebhookVersion,
        ["kind"] = kind,
        ["subject"] = subject,
        ["text"] = text,
        ["alerts"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
        {
            ["id"] = i.Id,
            ["url"] = i.AlertUrl,
            ["key"] = i.Notice.AlertKey,
            ["flow"] = i.Notice.Flow.Id,
            ["edge"] = i.Edge,
            ["kind"] = i.Notice.Kind.ToString(),
            ["state"] = i.Notice.Status.Condition.ToString(),
            ["since"] = i.Notice.Since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["recoveredAt"] = i.Notice.RecoveredAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["outageSeconds"] = (long)i.Notice.Outage.TotalSeconds,
            ["summary"] = i.Summary,
            ["outcome"] = i.Outcome,
            ["suspect"] = i.Suspect,
            ["hint"] = i.Hint,
            ["hosts"] = new JsonArray(i.Hosts.Select(h => (JsonNode)JsonValue.Create(h)!).ToArray()),
            ["moreHosts"] = i.MoreHosts,
            ["links"] = new JsonObject { ["alert"] = i.AlertUrl, ["edge"] = i.EdgeUrl, ["trend"] = i.TrendUrl },
        }).ToArray()),
    });

    /// <summary>An Adaptive Card 1.4 in the message envelope a Teams Workflows webhook takes; notices beyond the size limit are counted, not shown.</summary>
    private static string Teams(string subject, IReadOnlyList<Item> items, string? history)
    {
        for (var shown = items.Count; ; shown--)
        {
            var body = new List<JsonNode>
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = subject, ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true },
            };
            foreach (var item in items.Take(shown)) body.Add(TeamsContainer(item));
            if (shown < items.Count)
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"... and {items.Count - shown} more edge(s): see the alert history.", ["wrap"] = true, ["isSubtle"] = true });
            var json = Serialize(TeamsMessage(body, history));
            if (shown == 0 || Encoding.UTF8.GetByteCount(json) <= TeamsCardLimit) return json;
        }
    }

    private static JsonObject TeamsContainer(Item item)
    {
        var facts = new JsonArray(Fact("Flow", $"{item.Notice.Flow.Id} ({item.Notice.Flow.Purpose})"));
        if (item.Outcome is { } outcome) facts.Add((JsonNode)Fact("Outcome", outcome));
        if (item.Suspect is { } suspect) facts.Add((JsonNode)Fact("Suspect", suspect));
        if (item.Hosts.Count > 0) facts.Add((JsonNode)Fact("Hosts", Truncate(string.Join(", ", item.Hosts) + (item.MoreHosts > 0 ? $" and {item.MoreHosts} more" : ""), 1000)));
        if (item.Hint is { } hint) facts.Add((JsonNode)Fact("Hint", Truncate(hint, 1000)));
        var items = new JsonArray(
            new JsonObject
            {
                ["type"] = "TextBlock", ["weight"] = "Bolder", ["wrap"] = true, ["color"] = TeamsColour(item.Notice.Kind),
                ["text"] = $"{AlertMail.Headline(item.Notice.Kind)}: {item.Edge}",
            },
            new JsonObject { ["type"] = "TextBlock", ["text"] = item.Summary, ["wrap"] = true },
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        var actions = new JsonArray();
        if (item.AlertUrl is { } alert) actions.Add((JsonNode)OpenUrl(item.Acknowledgeable ? "Acknowledge" : "Open the alert", alert));
        if (item.EdgeUrl is { } edge) actions.Add((JsonNode)OpenUrl("Open the edge", edge));
        if (actions.Count > 0) items.Add((JsonNode)new JsonObject { ["type"] = "ActionSet", ["actions"] = actions });
        return new JsonObject { ["type"] = "Container", ["separator"] = true, ["spacing"] = "Medium", ["items"] = items };

        static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };
    }

    private static JsonObject TeamsMessage(IEnumerable<JsonNode> body, string? history)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = new JsonArray(body.ToArray()),
        };
        if (history is not null) card["actions"] = new JsonArray(OpenUrl("Alert history", history));
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
    }

    private static JsonObject OpenUrl(string title, string url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

    private static string TeamsColour(NoticeKind kind) => kind switch
    {
        NoticeKind.Recovered or NoticeKind.Cleared => "Good",
        NoticeKind.Degraded or NoticeKind.Flapping => "Warning",
        _ => "Attention",
    };

    /// <summary>Block Kit: a header, then per notice a section, a context line and its buttons; notices beyond 50 blocks are counted.</summary>
    private static string Slack(string subject, IReadOnlyList<Item> items, string? history)
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "header", ["text"] = PlainText(subject, SlackHeaderLimit) });
        var shown = 0;
        foreach (var item in items)
        {
            var needed = item.AlertUrl is null && item.EdgeUrl is null ? 2 : 3;
            // Room for this notice and for the "and N more" section should any notice follow.
            var reserve = shown + 1 < items.Count ? 1 : 0;
            if (blocks.Count + needed + reserve > SlackBlockLimit) break;
            var text = new StringBuilder($"*{AlertMail.Headline(item.Notice.Kind)}*: {SlackEscape(item.Edge)}\n{SlackEscape(item.Summary)}");
            if (item.Outcome is { } outcome) text.Append(CultureInfo.InvariantCulture, $"\n*Outcome:* {SlackEscape(outcome)}");
            if (item.Suspect is { } suspect) text.Append(CultureInfo.InvariantCulture, $"\n*Suspect:* {SlackEscape(suspect)}");
            if (item.Hosts.Count > 0)
                text.Append(CultureInfo.InvariantCulture, $"\n*Hosts:* {SlackEscape(string.Join(", ", item.Hosts))}{(item.MoreHosts > 0 ? $" and {item.MoreHosts} more" : "")}");
            if (item.Hint is { } hint) text.Append(CultureInfo.InvariantCulture, $"\n*Hint:* {SlackEscape(hint)}");
            blocks.Add((JsonNode)new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Truncate(text.ToString(), SlackSectionLimit)) });
            blocks.Add((JsonNode)new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray(Mrkdwn(SlackEscape($"Flow {item.Notice.Flow.Id} ({item.Notice.Flow.Purpose}) \u00b7 since {AlertMail.Time(item.Notice.Since)}"))),
            });
            var buttons = new JsonArray();
            if (item.AlertUrl is { } alert) buttons.Add((JsonNode)Button(item.Acknowledgeable ? "Acknowledge" : "Open the alert", alert, $"alert-{item.Id}"));
            if (item.EdgeUrl is { } edge) buttons.Add((JsonNode)Button("Open the edge", edge, $"edge-{item.Notice.Flow.Id}"));
            if (buttons.Count > 0) blocks.Add((JsonNode)new JsonObject { ["type"] = "actions", ["elements"] = buttons });
            shown++;
        }

        if (shown < items.Count)
        {
            var more = $"... and {items.Count - shown} more edge(s)" + (history is null ? "." : $": see the <{history}|alert history>.");
            blocks.Add((JsonNode)new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(more) });
        }

        return Serialize(new JsonObject { ["text"] = SlackEscape(subject), ["blocks"] = blocks });

        static JsonObject Button(string text, string url, string id) => new()
        {
            ["type"] = "button",
            ["text"] = PlainText(text, 75),
            ["url"] = url,
            ["action_id"] = Truncate(id, 255),
        };
    }

    /// <summary>Slack reads &amp;, &lt; and &gt; as its own markup (links, mentions): escaped, as Slack asks.</summary>
    public static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject PlainText(string text, int limit) => new() { ["type"] = "plain_text", ["text"] = Truncate(text, limit), ["emoji"] = true };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Cut to <paramref name="limit"/> characters, the last one an ellipsis; never inside a surrogate pair.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var cut = limit - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut] + "\u2026";
    }

    private static string Serialize(JsonNode node) => node.ToJsonString(Json);

    private static string? Link(string? publicUrl, string? pathAndQuery) =>
        string.IsNullOrWhiteSpace(publicUrl) || pathAndQuery is null ? null : publicUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>One notice as every payload shows it.</summary>
    private sealed record Item(
        AlertNotice Notice, long? Id, string Edge, string Summary, string? Outcome, string? Suspect, string? Hint,
        IReadOnlyList<string> Hosts, int MoreHosts, string? AlertUrl, string? EdgeUrl, string? TrendUrl)
    {
        public bool Acknowledgeable => Notice.Kind is NoticeKind.Broken or NoticeKind.Reminder or NoticeKind.Flapping;

        public static Item Of(AlertNotice n, FlowCatalogue catalogue, string? publicUrl, Func<Flow, string>? portsOf, Func<string, long?>? alertIdOf,
            IReadOnlyList<BlameMark>? marks)
        {
            var hosts = n.Kind is NoticeKind.Degraded or NoticeKind.Cleared || (n.Kind == NoticeKind.Recovered && n.Status.Broken.Count == 0)
                ? n.Status.Degraded.Select(d => $"{d.SourceHost} \u2192 {d.TargetHost}:{d.Port} ({d.Cause})").ToList()
                : n.Status.Broken.Select(b => $"{b.SourceHost} \u2192 {b.TargetHost}:{b.Port} {b.Outcome}").ToList();
            var id = alertIdOf?.Invoke(n.AlertKey);
            var flow = Uri.EscapeDataString(n.Flow.Id);
            return new Item(n, id, AlertMail.EdgeName(n.Flow, catalogue, portsOf?.Invoke(n.Flow)), AlertMail.Summary(n), AlertMail.OutcomeLine(n),
                AlertMail.Suspect(n, marks), AlertMail.Hint(n),
                hosts.Take(AlertMail.MaxHostsListed).ToList(), Math.Max(0, hosts.Count - AlertMail.MaxHostsListed),
                id is { } i ? Link(publicUrl, $"/alerts/{i.ToString(CultureInfo.InvariantCulture)}") : null,
                Link(publicUrl, $"/?edge={flow}"), Link(publicUrl, $"/trends/{flow}"));
        }
    }
}
