using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>Agents: revocation, their own results only, per-agent rate limits, body limits, refused requests logged once.</summary>
public sealed class AgentSecurityTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly List<CentralFactory> _factories = [];

    private CentralFactory Central(Dictionary<string, string?>? settings = null)
    {
        var factory = new CentralFactory(settings);
        _factories.Add(factory);
        return factory;
    }

    [Fact]
    public async Task Revoked_AgentGets401UntilAnAdminAllowsItsEnrolmentAgain()
    {
        var factory = Central();
        var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.PostResultsAsync(client, agent, Batch())).StatusCode);

        Assert.True(await factory.Services.GetRequiredService<AgentDirectory>().RevokeAsync("web01", "test-admin"));

        var plan = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, plan.StatusCode);
        Assert.DoesNotContain("revoked", await plan.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AgentApi.PostResultsAsync(client, agent, Batch())).StatusCode);
        Assert.Equal(1, await CountAsync(factory, db => db.Results.CountAsync()));
        var wrongKey = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("web01", "not-the-enrolment-key", "test"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token))).StatusCode);

        // A valid key alone does not undo the revoke: the enrolment waits until an Admin allows the host again.
        var waiting = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("web01", CentralFactory.EnrolmentKey, "test"));
        Assert.Equal(HttpStatusCode.Accepted, waiting.StatusCode);
        var again = (await waiting.Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options))!;
        Assert.Equal(HttpStatusCode.Forbidden, (await AgentApi.PostResultsAsync(client, again, Batch())).StatusCode);
        var enrolment = factory.Services.GetRequiredService<AgentEnrolment>();
        await enrolment.ApproveAsync(Assert.Single(await enrolment.ListPendingAsync()).Id);

        Assert.NotEqual(agent.Token, again.Token);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.PostResultsAsync(client, again, Batch())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AgentApi.PostResultsAsync(client, agent, Batch())).StatusCode);
        Assert.Null((await factory.Services.GetRequiredService<AgentDirectory>().ListAsync()).Single().RevokedAt);
    }

    [Fact]
    public async Task Results_ForAnotherAgentsRoute_AreRefusedWhateverTheBodySays()
    {
        var factory = Central();
        var client = factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        await AgentApi.EnrolAsync(client, "db01");

        // web01's own token, db01's route: refused; nothing lands under either agent.
        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Post, "/api/v1/agents/db01/results", web.Token,
            JsonContent.Create(Batch(), options: ContractsJson.Options)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync(factory, db => db.Results.CountAsync()));
        // Its own route stores under its own id only.
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.PostResultsAsync(client, web, Batch())).StatusCode);
        Assert.Equal(["web01"], await CountAsync(factory, db => db.Results.Select(r => r.AgentId).Distinct().ToListAsync()));
    }

    [Fact]
    public async Task RateLimit_PastTheAgentsRequestsPerMinute_Answers429WithRetryAfterForThatAgentOnly()
    {
        var factory = Central(new() { ["Central:Security:AgentRequestsPerMinute"] = "5" });
        var client = factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        var db = await AgentApi.EnrolAsync(client, "db01");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", web.Token))).StatusCode);

        var limited = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", web.Token));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        Assert.Contains("agent 'web01'", await limited.Content.ReadAsStringAsync());
        // Another agent, and a caller guessing web01's id with another token, have windows of their own.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/db01/plan", db.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", "guessed"))).StatusCode);
        Assert.Single(factory.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("refused with 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimit_OnceTheMinuteHasPassedOnCentralsClock_TheAgentIsServedAgain()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:Security:AgentRequestsPerMinute"] = "3" }, clock: clock);
        _factories.Add(factory);
        var client = factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", web.Token))).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(45));
        var limited = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", web.Token));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("15", limited.Headers.GetValues("Retry-After").Single());

        clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", web.Token))).StatusCode);
    }

    [Fact]
    public async Task RateLimit_Enrolment_CountsPerClientAddress()
    {
        var factory = Central(new() { ["Central:Security:EnrolRequestsPerMinute"] = "3" });
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++) await AgentApi.EnrolAsync(client, "web01");

        var limited = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("web01", CentralFactory.EnrolmentKey, "test"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Results_BodyOverTheLimit_Answers413AndStoresNothing(bool withContentLength)
    {
        var factory = Central(new() { ["Central:Security:MaxResultsBodyKilobytes"] = "16" });
        var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var results = Enumerable.Range(0, 60).Select(i => AgentApi.Result(SqlProbe, ProbeOutcome.Reachable) with { Detail = new string('x', 400) }).ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(new ResultBatch(Guid.NewGuid(), results), ContractsJson.Options);
        Assert.True(json.Length > 16 * 1024);
        HttpContent content = withContentLength ? new ByteArrayContent(json) : new StreamContent(new UnknownLengthStream(json));
        content.Headers.ContentType = new("application/json");

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Post, "/api/v1/agents/web01/results", agent.Token, content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Central:Security:MaxResultsBodyKilobytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync(factory, db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task Results_SameBatchIdWithOtherContents_Answers409AndKeepsTheStoredBatch()
    {
        var factory = Central();
        var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var id = Guid.NewGuid();
        var first = new ResultBatch(id, [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.PostResultsAsync(client, agent, first)).StatusCode);

        var retry = await AgentApi.PostResultsAsync(client, agent, first);
        var other = await AgentApi.PostResultsAsync(client, agent, new ResultBatch(id,
            [AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut), AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut)]));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains($"batchId: {id} was stored already with 1 results", await other.Content.ReadAsStringAsync());
        Assert.Equal([ProbeOutcome.Reachable], await CountAsync(factory, db => db.Results.Select(r => r.Outcome).ToListAsync()));
    }

    [Fact]
    public async Task BadRequest_IsLoggedOnceAsOneLineWithoutAStackTrace()
    {
        var factory = Central();
        var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        factory.Logs.Clear();

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Post, "/api/v1/agents/web01/results", agent.Token,
            new StringContent("{\"batchId\": \"not-a-guid\", \"results\": []}", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.batchId", await response.Content.ReadAsStringAsync());
        var line = Assert.Single(factory.Logs.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Contains("POST /api/v1/agents/web01/results refused with 400", line.Message);
        Assert.Null(line.Exception);
    }

    [Fact]
    public async Task WrongToken_IsRefusedByTheTokenFilterAndLoggedOnce()
    {
        var factory = Central();
        var client = factory.CreateClient();
        await AgentApi.EnrolAsync(client);
        factory.Logs.Clear();

        var plan = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", "not-the-token"));
        var unknown = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/nobody/plan", "not-the-token"));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (plan.StatusCode, unknown.StatusCode));
        Assert.Contains("Agent token rejected.", await plan.Content.ReadAsStringAsync());
        Assert.Contains("Agent token rejected.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(
            ["GET /api/v1/agents/web01/plan refused with 401", "GET /api/v1/agents/nobody/plan refused with 401"],
            factory.Logs.Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message[..l.Message.IndexOf(':', StringComparison.Ordinal)]));
    }

    private static ResultBatch Batch() => new(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]);

    private static async Task<T> CountAsync<T>(CentralFactory factory, Func<CentralDbContext, Task<T>> query)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
    }

    /// <summary>A body sent chunked, without Content-Length: the limit must hold while reading.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
