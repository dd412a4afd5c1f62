using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Agents;

public sealed class AgentApiTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private const string AeProbe = "central-activeefficiency-http/ae01/80";
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task Enrol_WithRightKey_IssuesTokenStoredOnlyAsHash()
    {
        using var client = _factory.CreateClient();

        var agent = await AgentApi.EnrolAsync(client);

        Assert.Equal("web01", agent.AgentId);
        Assert.True(agent.Token.Length >= 40);
        var stored = await WithDbAsync(db => db.Agents.SingleAsync());
        Assert.NotEqual(agent.Token, stored.TokenHash);
        Assert.DoesNotContain(agent.Token, stored.TokenHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrol_WithWrongKey_Returns401ProblemAndStoresNothing()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("web01", "not-the-key-at-all", null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Enrolment key rejected", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await WithDbAsync(db => db.Agents.CountAsync()));
    }

    [Fact]
    public async Task Enrol_WhenNoKeyConfigured_Returns403NamingTheSetting()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:EnrolmentKey"] = "" });
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("web01", "whatever-key-here", null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Central:EnrolmentKey", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Plan_ForEnrolledHost_ListsItsProbesWithETag()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = (await response.Content.ReadFromJsonAsync<AgentPlan>(ContractsJson.Options))!;
        Assert.Equal($"\"{plan.Version}\"", response.Headers.ETag?.ToString());
        Assert.Contains(plan.Probes, p => p.ProbeId == SqlProbe && p.Port == 47101 && p.Address == "127.0.0.1");
        Assert.Contains(plan.Probes, p => p.ProbeId == AeProbe && p.Port == 80);
    }

    [Fact]
    public async Task Plan_WithMatchingIfNoneMatch_Returns304()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var first = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token));

        var again = AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Plan_ForHostMissingFromEstate_Returns404SayingSo()
    {
        using var client = _factory.CreateClient();
        // A host the estate does not list waits for an Admin; once one allows it, its plan says why it is empty.
        var enrolled = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("stranger01", CentralFactory.EnrolmentKey, "test"));
        Assert.Equal(HttpStatusCode.Accepted, enrolled.StatusCode);
        var agent = (await enrolled.Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options))!;
        var enrolment = _factory.Services.GetRequiredService<AgentEnrolment>();
        await enrolment.ApproveAsync(Assert.Single(await enrolment.ListPendingAsync()).Id);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/stranger01/plan", agent.Token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("estate does not list", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Results_ValidBatch_StoredAndEdgesColoured()
    {
        using var client = await _factory.SignInAsync();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(),
            [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable), AgentApi.Result(AeProbe, ProbeOutcome.Refused)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<ResultBatchAccepted>(ContractsJson.Options))!;
        Assert.Equal(2, accepted.Accepted);
        Assert.False(accepted.Duplicate);
        var colours = await EdgeColoursAsync(client);
        Assert.Equal("Green", colours["website-shoppingdb-sql"]);
        Assert.Equal("Red", colours["central-activeefficiency-http"]);
        Assert.Equal(2, await WithDbAsync(db => db.Links.CountAsync()));
        Assert.NotNull((await WithDbAsync(db => db.Agents.SingleAsync())).LastSeenAt);
    }

    [Fact]
    public async Task Results_SameBatchTwice_StoredOnce()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var batch = new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]);

        await AgentApi.PostResultsAsync(client, agent, batch);
        var second = await AgentApi.PostResultsAsync(client, agent, batch);

        var accepted = (await second.Content.ReadFromJsonAsync<ResultBatchAccepted>(ContractsJson.Options))!;
        Assert.True(accepted.Duplicate);
        Assert.Equal(1, await WithDbAsync(db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task Results_OutcomeChange_MovesLinkSinceButNotOnRepeat()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-3);

        await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), [
            AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, t0),
            AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, t0.AddMinutes(1)),
            AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, t0.AddMinutes(2))]));

        var link = await WithDbAsync(db => db.Links.SingleAsync());
        Assert.Equal(ProbeOutcome.TimedOut, link.Outcome);
        Assert.Equal(t0.AddMinutes(1).UtcTicks, link.Since.UtcTicks);
        Assert.Equal(t0.AddMinutes(2).UtcTicks, link.LastAt.UtcTicks);
    }

    [Fact]
    public async Task Results_MalformedJson_Returns400NamingPositionAndStoresNothing()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]));

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Post, "/api/v1/agents/web01/results", agent.Token,
            new StringContent("{\"batchId\": \"" + Guid.NewGuid() + "\", \"results\": [{\"probeId\": 12,", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("$.results[0].probeId", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await WithDbAsync(db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task Results_UnknownFlowAndFutureTime_Returns400ListingEachAndStoresNothing()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), [
            new ProbeResultDto("no-such-flow/x/1", "no-such-flow", ProbeOutcome.Reachable, 1, null, DateTimeOffset.UtcNow),
            AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, DateTimeOffset.UtcNow.AddDays(2))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("results[0].flowId: unknown flow 'no-such-flow'", body);
        Assert.Contains("results[1].at", body);
        Assert.Equal(0, await WithDbAsync(db => db.Results.CountAsync()));
    }

    /// <summary>
    /// The attack of issue 15: an outcome that is not one name. The stock converter read flags text and numbers as a
    /// defined outcome ("Reachable,Refused" as Refused, 1 as Refused), and a missing outcome as Reachable.
    /// </summary>
    [Theory]
    [InlineData("\"outcome\":\"Reachable,Refused\"", "'Reachable,Refused' is not one outcome")]
    [InlineData("\"outcome\":\"Refused, TimedOut\"", "'Refused, TimedOut' is not one outcome")]
    [InlineData("\"outcome\":1", "The number 1 is not one outcome")]
    [InlineData("\"outcome\":\"1\"", "'1' is not one outcome")]
    [InlineData("\"outcome\":\"reachable\"", "'reachable' is not one outcome")]
    [InlineData("\"outcome\":null", "null is not one outcome")]
    [InlineData("\"outcomeX\":\"Refused\"", "missing required properties including: 'outcome'")]
    public async Task Results_OutcomeNotExactlyOneName_Returns400NamingTheItemAndStoresNothing(string outcome, string expected)
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var good = JsonSerializer.Serialize(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable), ContractsJson.Options);
        var bad = good.Replace("\"outcome\":\"Reachable\"", outcome, StringComparison.Ordinal);
        Assert.NotEqual(good, bad);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Post, "/api/v1/agents/web01/results", agent.Token,
            new StringContent($"{{\"batchId\":\"{Guid.NewGuid()}\",\"results\":[{good},{good},{bad}]}}", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await ProblemAsync(response)).Detail;
        Assert.Contains("$.results[2]", detail, StringComparison.Ordinal);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        if (!outcome.StartsWith("\"outcomeX", StringComparison.Ordinal))
        {
            Assert.Contains("$.results[2].outcome", detail, StringComparison.Ordinal);
            Assert.Contains("use one of Reachable, Refused, TimedOut, DnsFailed, Unreachable, ProtocolError, Error.", detail, StringComparison.Ordinal);
        }

        Assert.Equal((0, 0), await WithDbAsync(async db => (await db.Results.CountAsync(), await db.Batches.CountAsync())));
    }

    /// <summary>
    /// The attack of issue 15: results of probes the agent was never given. web01's plan probes db01's SQL Server on
    /// 47101; the same flow to another host or port, and a flow web01 does not run, are refused, each by its index.
    /// </summary>
    [Fact]
    public async Task Results_ProbesNotInThePlan_Returns400NamingEachAndStoresNothing()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), [
            AgentApi.Result(SqlProbe, ProbeOutcome.Reachable),
            AgentApi.Result("website-shoppingdb-sql/ae01/47101", ProbeOutcome.Refused),
            AgentApi.Result("website-shoppingdb-sql/db01/1433", ProbeOutcome.TimedOut),
            AgentApi.Result(AeProbe, ProbeOutcome.Reachable),
            AgentApi.Result("client-website-http/web01/80", ProbeOutcome.Refused)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).Errors;
        Assert.Equal(
        [
            "results[1].probeId: 'website-shoppingdb-sql/ae01/47101' is not in agent web01's plan, nor in a plan it had in the last 30 days.",
            "results[2].probeId: 'website-shoppingdb-sql/db01/1433' is not in agent web01's plan, nor in a plan it had in the last 30 days.",
            "results[4].flowId: flow 'client-website-http' is not in agent web01's plan, nor in a plan it had in the last 30 days.",
        ], errors);
        Assert.Equal((0, 0, 0), await WithDbAsync(async db => (await db.Results.CountAsync(), await db.Batches.CountAsync(), await db.Links.CountAsync())));
    }

    [Fact]
    public async Task Results_HostNotInTheEstate_Returns400ForEveryResult()
    {
        // Enrolling a host the estate does not list waits for an Admin; one approved it anyway, so it has no plan.
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client, "stranger01");
        Assert.True(agent.Pending);
        var enrolment = _factory.Services.GetRequiredService<AgentEnrolment>();
        Assert.NotNull(await enrolment.ApproveAsync(Assert.Single(await enrolment.ListPendingAsync()).Id));

        var response = await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["results[0].flowId: flow 'website-shoppingdb-sql' is not in agent stranger01's plan, nor in a plan it had in the last 30 days."],
            (await ProblemAsync(response)).Errors);
        Assert.Equal(0, await WithDbAsync(db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task Results_WrongContentType_Returns415()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Post, "/api/v1/agents/web01/results", agent.Token,
            new StringContent("batch", Encoding.UTF8, "text/plain")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Results_OtherAgentsToken_Returns401AndStoresNothing()
    {
        using var client = _factory.CreateClient();
        await AgentApi.EnrolAsync(client, "web01");
        var other = await AgentApi.EnrolAsync(client, "db01");

        var request = AgentApi.Authorised(HttpMethod.Post, "/api/v1/agents/web01/results", other.Token,
            JsonContent.Create(new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]), options: ContractsJson.Options));
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await WithDbAsync(db => db.Results.CountAsync()));
    }

    private static async Task<(string Detail, string[] Errors)> ProblemAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.TryGetProperty("errors", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        return (problem.RootElement.GetProperty("detail").GetString()!, errors);
    }

    private async Task<Dictionary<string, string>> EdgeColoursAsync(HttpClient client)
    {
        using var edges = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));
        return edges.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("flowId").GetString()!, e => e.GetProperty("colour").GetString()!);
    }

    private async Task<T> WithDbAsync<T>(Func<CentralDbContext, Task<T>> query)
    {
        var factory = _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    public void Dispose() => _factory.Dispose();
}
