using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>GET /api/v1/agents: enrolled agents with roles, version, last seen and whether they are silent.</summary>
public sealed class AgentsApiTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public AgentsApiTests() => _factory = new CentralFactory(clock: _clock);

    [Fact]
    public async Task Enrol_WithRoles_ListsThemBesideTheEstateRolesAndTheVersion()
    {
        using var client = await _factory.SignInAsync();

        await AgentApi.EnrolAsync(client, "web01", ["Website", "Receiver"]);

        var agent = Assert.Single(await AgentsAsync(client));
        Assert.Equal("web01", agent.GetProperty("hostName").GetString());
        Assert.Equal("test", agent.GetProperty("version").GetString());
        Assert.Equal(["Website", "Receiver"], Strings(agent.GetProperty("reportedRoles")));
        Assert.Equal(["Website", "CentralService"], Strings(agent.GetProperty("estateRoles")));
        Assert.True(agent.GetProperty("rolesDiffer").GetBoolean());
        Assert.True(agent.GetProperty("inEstate").GetBoolean());
        Assert.Equal("NeverSeen", agent.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Enrol_WithUnknownRole_Returns400NamingItAndEnrolsNothing()
    {
        using var client = await _factory.SignInAsync();

        var response = await client.PostAsJsonAsync("/api/v1/agents/enrol",
            new EnrolmentRequest("web01", CentralFactory.EnrolmentKey, "1.0", ["Website", "SqlServer"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("roles[1]: unknown role 'SqlServer'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await AgentsAsync(client));
    }

    [Fact]
    public async Task PlanFetch_WithAgentUserAgent_MarksSeenAndRecordsTheVersion()
    {
        using var client = await _factory.SignInAsync();
        var agent = await AgentApi.EnrolAsync(client);
        var request = AgentApi.Authorised(HttpMethod.Get, $"/api/v1/agents/{agent.AgentId}/plan", agent.Token);
        request.Headers.UserAgent.ParseAdd("ShoppingConnectivity.Agent/2.3.4");

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var listed = Assert.Single(await AgentsAsync(client));
        Assert.Equal("Online", listed.GetProperty("status").GetString());
        Assert.Equal("2.3.4", listed.GetProperty("version").GetString());
        Assert.Equal(_clock.GetUtcNow(), listed.GetProperty("lastSeenAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Agent_SilentForThreeIntervals_IsListedSilentAndItsEdgesTurnGreyNotRed()
    {
        using var client = await _factory.SignInAsync();
        var agent = await AgentApi.EnrolAsync(client);
        var response = await AgentApi.PostResultsAsync(client, agent,
            new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, _clock.GetUtcNow())]));
        response.EnsureSuccessStatusCode();
        Assert.Equal("Red", await EdgeColourAsync(client, "website-shoppingdb-sql"));
        Assert.Equal("Online", Assert.Single(await AgentsAsync(client)).GetProperty("status").GetString());

        _clock.Advance(TimeSpan.FromSeconds(3 * 60 + 1));
        _factory.Services.GetRequiredService<ShoppingConnectivity.Central.Live.LiveState>().Refresh();

        var listed = Assert.Single(await AgentsAsync(client));
        Assert.Equal("Silent", listed.GetProperty("status").GetString());
        Assert.Equal(180, listed.GetProperty("silentAfterSeconds").GetInt32());
        Assert.Equal("Grey", await EdgeColourAsync(client, "website-shoppingdb-sql"));
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<List<JsonElement>> AgentsAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/agents"));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static async Task<string?> EdgeColourAsync(HttpClient client, string flowId)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("flowId").GetString() == flowId).GetProperty("colour").GetString();
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
