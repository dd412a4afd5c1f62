using System.Text;
using System.Text.Json;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Alerts.Channels;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Tests.Alerts.Channels;

public class ChannelPayloadTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Flow Sql = Catalogue.FindFlow("website-shoppingdb-sql")!;
    private const string PublicUrl = "https://central.contoso.example/";

    private static EdgeAlertStatus Broken(int hosts = 1, string source = "web") => new(
        EdgeCondition.Broken, hosts, 0, 0,
        Enumerable.Range(1, hosts).Select(i => new BrokenLink($"{source}{i:00}", "sql01", 1433, ProbeOutcome.TimedOut, T0, "no answer")).ToList(), T0, null);

    private static AlertNotice Notice(NoticeKind kind, Flow flow, EdgeAlertStatus? status = null, string key = "k1") =>
        new(kind, key, flow, status ?? Broken(), T0, kind == NoticeKind.Recovered ? T0.AddMinutes(5) : null, T0.AddMinutes(1));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Compose_Webhook_VersionedJsonWithEachAlertItsIdUrlAndState()
    {
        var json = Parse(ChannelPayload.Compose(ChannelKind.Webhook, [Notice(NoticeKind.Broken, Sql)], Catalogue, PublicUrl, alertIdOf: _ => 42));

        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("alerts", json.GetProperty("kind").GetString());
        Assert.StartsWith("[Shopping Connectivity] BROKEN: Shopping Website", json.GetProperty("subject").GetString());
        Assert.Contains("web01 \u2192 sql01:1433", json.GetProperty("text").GetString());
        var alert = Assert.Single(json.GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal(42, alert.GetProperty("id").GetInt64());
        Assert.Equal("https://central.contoso.example/alerts/42", alert.GetProperty("url").GetString());
        Assert.Equal("website-shoppingdb-sql", alert.GetProperty("flow").GetString());
        Assert.Equal("Broken", alert.GetProperty("kind").GetString());
        Assert.Equal("Broken", alert.GetProperty("state").GetString());
        Assert.Equal("2026-11-25T12:00:00.0000000Z", alert.GetProperty("since").GetString());
        Assert.Equal(60, alert.GetProperty("outageSeconds").GetInt64());
        Assert.Equal("web01 \u2192 sql01:1433 TimedOut", alert.GetProperty("hosts")[0].GetString());
        Assert.Equal("https://central.contoso.example/?edge=website-shoppingdb-sql", alert.GetProperty("links").GetProperty("edge").GetString());
    }

    [Fact]
    public void Compose_NoPublicUrl_LinksAreNull()
    {
        var alert = Parse(ChannelPayload.Compose(ChannelKind.Webhook, [Notice(NoticeKind.Broken, Sql)], Catalogue, null, alertIdOf: _ => 42))
            .GetProperty("alerts")[0];

        Assert.Equal(JsonValueKind.Null, alert.GetProperty("url").ValueKind);
        Assert.Equal(42, alert.GetProperty("id").GetInt64());
    }

    [Fact]
    public void Compose_Teams_AdaptiveCardInMessageEnvelopeWithOpenUrlToTheAlert()
    {
        var json = Parse(ChannelPayload.Compose(ChannelKind.Teams, [Notice(NoticeKind.Broken, Sql), Notice(NoticeKind.Recovered, Sql, key: "k2")],
            Catalogue, PublicUrl, alertIdOf: k => k == "k1" ? 7 : 8));

        Assert.Equal("message", json.GetProperty("type").GetString());
        var attachment = json.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.4", card.GetProperty("version").GetString());
        var containers = card.GetProperty("body").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "Container").ToList();
        Assert.Equal(2, containers.Count);
        var first = containers[0].GetProperty("items");
        Assert.Equal("Attention", first[0].GetProperty("color").GetString());
        var open = first.EnumerateArray().Single(i => i.GetProperty("type").GetString() == "ActionSet").GetProperty("actions")[0];
        Assert.Equal(("Action.OpenUrl", "Acknowledge", "https://central.contoso.example/alerts/7"),
            (open.GetProperty("type").GetString(), open.GetProperty("title").GetString(), open.GetProperty("url").GetString()));
        Assert.Equal("Good", containers[1].GetProperty("items")[0].GetProperty("color").GetString());
    }

    [Fact]
    public void Compose_TeamsManyEdges_CardStaysUnderTheSizeLimitAndCountsTheRest()
    {
        var notices = Enumerable.Range(0, 200).Select(i => Notice(NoticeKind.Broken, Sql, Broken(15, $"host-with-a-long-name-{i}-"), $"k{i}")).ToList();

        var payload = ChannelPayload.Compose(ChannelKind.Teams, notices, Catalogue, PublicUrl, alertIdOf: _ => 1);

        Assert.True(Encoding.UTF8.GetByteCount(payload) <= ChannelPayload.TeamsCardLimit);
        var body = Parse(payload).GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
        Assert.Matches(@"^\.\.\. and \d+ more edge\(s\)", body[body.GetArrayLength() - 1].GetProperty("text").GetString());
    }

    [Fact]
    public void Compose_Slack_BlockKitWithHeaderSectionContextAndButton()
    {
        var json = Parse(ChannelPayload.Compose(ChannelKind.Slack, [Notice(NoticeKind.Broken, Sql)], Catalogue, PublicUrl, alertIdOf: _ => 42));

        Assert.StartsWith("[Shopping Connectivity] BROKEN", json.GetProperty("text").GetString());
        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "context", "actions"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.StartsWith("*BROKEN*: Shopping Website", blocks[1].GetProperty("text").GetProperty("text").GetString());
        var button = blocks[3].GetProperty("elements")[0];
        Assert.Equal(("button", "https://central.contoso.example/alerts/42"), (button.GetProperty("type").GetString(), button.GetProperty("url").GetString()));
    }

    [Fact]
    public void Compose_SlackHostWithMarkup_EscapesAmpersandAndAngleBrackets()
    {
        var status = new EdgeAlertStatus(EdgeCondition.Broken, 1, 0, 0, [new BrokenLink("<!channel>&co", "sql01", 1433, ProbeOutcome.TimedOut, T0, null)], T0, null);

        var section = Parse(ChannelPayload.Compose(ChannelKind.Slack, [Notice(NoticeKind.Broken, Sql, status)], Catalogue, PublicUrl))
            .GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString()!;

        Assert.Contains("&lt;!channel&gt;&amp;co", section);
        Assert.DoesNotContain("<!channel>", section);
    }

    [Fact]
    public void Compose_SlackManyEdgesAndLongTexts_AtMost50BlocksAndSectionsWithin3000Characters()
    {
        var notices = Enumerable.Range(0, 40).Select(i => Notice(NoticeKind.Broken, Sql, Broken(15, new string('x', 400)), $"k{i}")).ToList();

        var blocks = Parse(ChannelPayload.Compose(ChannelKind.Slack, notices, Catalogue, PublicUrl, alertIdOf: _ => 1)).GetProperty("blocks").EnumerateArray().ToList();

        Assert.True(blocks.Count <= ChannelPayload.SlackBlockLimit);
        Assert.True(blocks[0].GetProperty("text").GetProperty("text").GetString()!.Length <= ChannelPayload.SlackHeaderLimit);
        Assert.All(blocks.Where(b => b.GetProperty("type").GetString() == "section"),
            b => Assert.True(b.GetProperty("text").GetProperty("text").GetString()!.Length <= ChannelPayload.SlackSectionLimit));
        Assert.Contains("more edge(s)", blocks[^1].GetProperty("text").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(ChannelKind.Webhook)]
    [InlineData(ChannelKind.Teams)]
    [InlineData(ChannelKind.Slack)]
    public void Test_EachKind_ValidJsonNamingTheChannel(ChannelKind kind)
    {
        var payload = ChannelPayload.Test(kind, "ops", PublicUrl, T0);

        Parse(payload);
        Assert.Contains("channel 'ops'", payload);
    }

    [Fact]
    public void Truncate_LongText_EndsWithEllipsisAtTheLimit()
    {
        Assert.Equal("abcd\u2026", ChannelPayload.Truncate("abcdefgh", 5));
        Assert.Equal("abc", ChannelPayload.Truncate("abc", 5));
    }

    [Fact]
    public void ChannelFilter_FlowOrRole_MatchesOnlyThoseEdges()
    {
        Assert.True(ChannelFilter.All.Matches(Sql));
        Assert.True(new ChannelFilter([Sql.Id], []).Matches(Sql));
        Assert.True(new ChannelFilter([], [Sql.To]).Matches(Sql));
        Assert.False(new ChannelFilter(["other"], ["Nobody"]).Matches(Sql));
    }
}
