using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Channels;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using static ShoppingConnectivity.Central.Tests.Infrastructure.ChannelReceiver;

namespace ShoppingConnectivity.Central.Tests.Alerts.Channels;

/// <summary>
/// Central in-process and a chat/webhook receiver on loopback that checks bodies and signatures and fails on purpose.
/// The test runs evaluation and delivery itself (what the jobs do) on central's fake clock, so retries come when the
/// test moves time, never by waiting.
/// </summary>
public sealed class ChannelDeliveryTests : IAsyncLifetime
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private const string Secret = "webhook-signing-secret";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ChannelReceiver _receiver = null!;
    private CentralFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ChannelReceiver.StartAsync(Secret);
        _factory = new(Settings(), clock: _clock);
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Central:PublicUrl"] = "https://central.test.example/",
        ["Central:Alerts:GroupingSeconds"] = "0",
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:RetryFirstSeconds"] = "10",
        ["Central:Alerts:RetryMaxSeconds"] = "20",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
        ["Central:Alerts:Channels:hook:Kind"] = "Webhook",
        ["Central:Alerts:Channels:hook:Url"] = _receiver.BaseUrl + "/webhook",
        ["Central:Alerts:Channels:hook:Secret"] = Secret,
        ["Central:Alerts:Channels:teams:Kind"] = "Teams",
        ["Central:Alerts:Channels:teams:Url"] = _receiver.BaseUrl + "/teams",
        ["Central:Alerts:Channels:slack:Kind"] = "Slack",
        ["Central:Alerts:Channels:slack:Url"] = _receiver.BaseUrl + "/slack",
        // A channel for other edges only: it hears nothing of the SQL edge.
        ["Central:Alerts:Channels:dc:Kind"] = "Webhook",
        ["Central:Alerts:Channels:dc:Url"] = _receiver.BaseUrl + "/webhook",
        ["Central:Alerts:Channels:dc:Flows:0"] = "website-dc-ldaps",
    };

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private T Get<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    private async Task<(HttpClient Client, EnrolmentResponse Agent)> StartAsync()
    {
        var client = _factory.CreateClient();
        return (client, await AgentApi.EnrolAsync(client));
    }

    private async Task PostAsync(HttpClient client, EnrolmentResponse agent, params (ProbeOutcome Outcome, int SecondsAgo)[] runs)
    {
        var now = _clock.GetUtcNow();
        var batch = new ResultBatch(Guid.NewGuid(), runs.Select(r => AgentApi.Result(SqlProbe, r.Outcome, now.AddSeconds(-r.SecondsAgo))).ToList());
        (await AgentApi.PostResultsAsync(client, agent, batch)).EnsureSuccessStatusCode();
    }

    private Task BreakAsync(HttpClient client, EnrolmentResponse agent) =>
        PostAsync(client, agent, (ProbeOutcome.TimedOut, 3), (ProbeOutcome.TimedOut, 2), (ProbeOutcome.TimedOut, 1));

    private Task RecoverAsync(HttpClient client, EnrolmentResponse agent) =>
        PostAsync(client, agent, (ProbeOutcome.Reachable, 1), (ProbeOutcome.Reachable, 0));

    private async Task<List<ChannelMessageRecord>> MessagesAsync(string channel)
    {
        await using var db = await Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await db.ChannelMessages.AsNoTracking().Where(m => m.Channel == channel).OrderBy(m => m.Id).ToListAsync();
    }

    private IEnumerable<string> WebhookKinds() =>
        _receiver.Taken.Where(t => t.Path == "webhook").Select(t => t.Body.GetProperty("alerts")[0].GetProperty("kind").GetString()!);

    [Fact]
    public async Task Deliver_WebhookFailsFourWays_RetriedWithBackoffEachOnceInOrderSigned()
    {
        var (client, agent) = await StartAsync();
        var delivery = Get<ChannelDelivery>();
        await BreakAsync(client, agent);
        await Get<AlertEvaluator>().EvaluateAsync();
        // The first post arrives but its answer fails; then a server error, a reset connection, too many requests.
        _receiver.FailNext("webhook", Failure.TakeThenServerError);
        await delivery.DeliverDueAsync(); // webhook: taken, answered 500; teams and slack: taken
        var broken = Assert.Single(await MessagesAsync("hook"));
        Assert.Equal((ChannelMessageRecord.Pending, 1, 500), (broken.Status, broken.Attempts, broken.LastStatusCode));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(10), broken.NextAttemptAt);

        // The edge recovers while the broken message waits: the recovered one queues behind it.
        _clock.Advance(TimeSpan.FromSeconds(5));
        await RecoverAsync(client, agent);
        await Get<AlertEvaluator>().EvaluateAsync();
        _receiver.FailNext("webhook", Failure.ServerError, Failure.ConnectionReset, Failure.TooManyRequests);
        await delivery.DeliverDueAsync();
        Assert.All(await MessagesAsync("hook"), m => Assert.Equal(ChannelMessageRecord.Pending, m.Status));

        _clock.Advance(TimeSpan.FromSeconds(5));
        await delivery.DeliverDueAsync(); // attempt 2 of the broken one: 500, next in 20 s (the maximum)
        _clock.Advance(TimeSpan.FromSeconds(20));
        await delivery.DeliverDueAsync(); // attempt 3: reset
        var hook = await MessagesAsync("hook");
        Assert.Equal((3, null), (hook[0].Attempts, hook[0].LastStatusCode));
        Assert.Equal(0, hook[1].Attempts);
        Assert.True(hook[1].NextAttemptAt >= hook[0].NextAttemptAt);

        _clock.Advance(TimeSpan.FromSeconds(20));
        await delivery.DeliverDueAsync(); // attempt 4: 429 asking for 30 s, longer than the backoff
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), (await MessagesAsync("hook"))[0].NextAttemptAt);
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await delivery.DeliverDueAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await delivery.DeliverDueAsync());

        hook = await MessagesAsync("hook");
        Assert.All(hook, m => Assert.Equal(ChannelMessageRecord.Sent, m.Status));
        Assert.Equal(5, hook[0].Attempts);
        // Each message arrived once, broken before recovered; the retry of the first one was dropped by its delivery id.
        Assert.Equal(["Broken", "Recovered"], WebhookKinds());
        Assert.Equal(1, _receiver.Duplicates);
        Assert.Equal([hook[0].Id.ToString(), hook[1].Id.ToString()], _receiver.Taken.Where(t => t.Path == "webhook").Select(t => t.Delivery));
        var body = _receiver.Taken.First(t => t.Path == "webhook").Body;
        Assert.Equal($"https://central.test.example/alerts/{body.GetProperty("alerts")[0].GetProperty("id").GetInt64()}",
            body.GetProperty("alerts")[0].GetProperty("url").GetString());
        // The channel filtered to another flow heard nothing.
        Assert.Empty(await MessagesAsync("dc"));
    }

    [Fact]
    public async Task Deliver_TeamsAndSlack_EachTakesTheBrokenAndRecoveredMessages()
    {
        var (client, agent) = await StartAsync();
        await BreakAsync(client, agent);
        await Get<AlertEvaluator>().EvaluateAsync();
        await Get<ChannelDelivery>().DeliverDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        await RecoverAsync(client, agent);
        await Get<AlertEvaluator>().EvaluateAsync();
        await Get<ChannelDelivery>().DeliverDueAsync();

        var teams = _receiver.Taken.Where(t => t.Path == "teams").ToList();
        var slack = _receiver.Taken.Where(t => t.Path == "slack").ToList();
        Assert.Equal(2, teams.Count);
        Assert.Equal(2, slack.Count);
        var card = teams[0].Body.GetProperty("attachments")[0].GetProperty("content");
        Assert.StartsWith("[Shopping Connectivity] BROKEN", card.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.StartsWith("[Shopping Connectivity] RECOVERED", slack[1].Body.GetProperty("text").GetString());
        Assert.All(await MessagesAsync("teams"), m => Assert.Equal((ChannelMessageRecord.Sent, 200), (m.Status, m.LastStatusCode)));
    }

    [Fact]
    public async Task Deliver_EndpointRefusesAMessage_HeldWithoutBlockingTheNextAndSentAgainOnRequest()
    {
        var (client, agent) = await StartAsync();
        var delivery = Get<ChannelDelivery>();
        await BreakAsync(client, agent);
        await Get<AlertEvaluator>().EvaluateAsync();
        _receiver.FailNext("webhook", Failure.BadRequest);
        await delivery.DeliverDueAsync();
        var held = Assert.Single(await MessagesAsync("hook"));
        Assert.Equal((ChannelMessageRecord.Held, 400, "HTTP 400: invalid payload (on purpose)"), (held.Status, held.LastStatusCode, held.LastError));

        _clock.Advance(TimeSpan.FromSeconds(30));
        await RecoverAsync(client, agent);
        await Get<AlertEvaluator>().EvaluateAsync();
        await delivery.DeliverDueAsync();
        Assert.Equal(["Recovered"], WebhookKinds());

        Assert.Equal([held.Id], await delivery.ResendAsync([held.Id]));
        await delivery.DeliverDueAsync();
        Assert.Equal(["Recovered", "Broken"], WebhookKinds());
        Assert.Empty(await delivery.UndeliveredAsync());
    }

    [Fact]
    public async Task Evaluate_EdgeInMaintenance_NoChannelMessageLikeNoMail()
    {
        var (client, agent) = await StartAsync();
        var now = _clock.GetUtcNow();
        var (_, errors) = await Get<MaintenanceStore>().AddAsync(new MaintenanceWindow(0, MaintenanceScope.Flow, "website-shoppingdb-sql", "patching", now.AddMinutes(-1), now.AddHours(1)));
        Assert.Empty(errors);

        await BreakAsync(client, agent);
        await Get<AlertEvaluator>().EvaluateAsync();
        await Get<ChannelDelivery>().DeliverDueAsync();

        Assert.Empty(await MessagesAsync("hook"));
        Assert.Empty(_receiver.Attempts);
    }

    [Fact]
    public async Task SendTest_EachChannel_ShowsTheEndpointsAnswer()
    {
        await StartAsync();
        var delivery = Get<ChannelDelivery>();

        var ok = await delivery.SendTestAsync("slack");
        _receiver.FailNext("webhook", Failure.ServerError);
        var failed = await delivery.SendTestAsync("hook");

        Assert.Equal((200, "ok", true), (ok.StatusCode, ok.Excerpt, ok.Delivered));
        Assert.Equal("HTTP 500: boom", failed.Text);
        var test = Assert.Single(_receiver.Taken);
        Assert.Contains("channel 'slack'", test.Body.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("no channel 'nope' in the settings", (await delivery.SendTestAsync("nope")).Excerpt);
    }

    [Fact]
    public async Task Deliver_CentralRestartsWhileAMessageWaits_DeliveredOnceAfterTheRestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new CentralFactory(Settings(), clock: _clock, directory: directory))
            {
                var client = first.CreateClient();
                var agent = await AgentApi.EnrolAsync(client);
                await PostAsync(client, agent, (ProbeOutcome.TimedOut, 3), (ProbeOutcome.TimedOut, 2), (ProbeOutcome.TimedOut, 1));
                await first.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
                _receiver.FailNext("webhook", Failure.ServerError);
                await first.Services.GetRequiredService<ChannelDelivery>().DeliverDueAsync();
            }

            Assert.DoesNotContain(_receiver.Taken, t => t.Path == "webhook");
            _clock.Advance(TimeSpan.FromSeconds(10));
            using var restarted = new CentralFactory(Settings(), estateJson: null, clock: _clock, directory: directory);
            _ = restarted.Services;
            await restarted.Services.GetRequiredService<ChannelDelivery>().DeliverDueAsync();

            Assert.Equal(["Broken"], WebhookKinds());
            Assert.Equal(0, _receiver.Duplicates);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Start_InvalidChannel_StopsNamingTheKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Alerts:Channels:ops:Kind"] = "Email",
            ["Central:Alerts:Channels:ops:Url"] = "https://x.example/",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Alerts:Channels:ops:Kind must be Webhook, Teams or Slack (is 'Email').", error.Message);
    }
}
