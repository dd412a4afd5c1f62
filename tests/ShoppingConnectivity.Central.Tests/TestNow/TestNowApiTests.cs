using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Central.TestNow;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.TestNow;

/// <summary>POST /api/v1/test-now as people call it; the test estate's web01 probes db01 (SQL) and ae01 (HTTP).</summary>
public sealed class TestNowApiTests : IDisposable
{
    private const string SqlFlow = "website-shoppingdb-sql";
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public TestNowApiTests() => _factory = new CentralFactory(clock: _clock);

    [Fact]
    public async Task Ask_Viewer_Refused403()
    {
        using var viewer = await _factory.SignInAsync(CentralRoles.Viewer);

        var response = await viewer.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Ask_OperatorEdgeWithOnlineAgent_Accepted202AndQueuedForIt()
    {
        await OnlineAgentAsync();
        using var operatorClient = await _factory.SignInAsync(CentralRoles.Operator);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await ReadAsync(response);
        Assert.Equal("Asked", answer.GetProperty("verdict").GetString());
        var asked = Assert.Single(answer.GetProperty("asked").EnumerateArray());
        Assert.Equal("web01", asked.GetProperty("hostName").GetString());
        Assert.Equal([SqlProbe], asked.GetProperty("probeIds").EnumerateArray().Select(p => p.GetString()));
        // The page's baseline stays inside central: the API's answer is what its documentation says.
        Assert.False(asked.TryGetProperty("linksBefore", out _));
        var requests = await _factory.Services.GetRequiredService<AgentRequestQueue>().WaitAsync("web01", TimeSpan.Zero, CancellationToken.None);
        Assert.Equal([SqlProbe], Assert.Single(requests).ProbeIds);
    }

    [Fact]
    public async Task Ask_AdminLink_AsksThatProbeOnly()
    {
        await OnlineAgentAsync();
        using var admin = await _factory.SignInAsync(CentralRoles.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Agent: "web01", Probe: SqlProbe));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requests = await _factory.Services.GetRequiredService<AgentRequestQueue>().WaitAsync("web01", TimeSpan.Zero, CancellationToken.None);
        Assert.Equal([SqlProbe], Assert.Single(requests).ProbeIds);
    }

    [Fact]
    public async Task Ask_SameEdgeWithin10s_429SayingWhenToTryAgain()
    {
        await OnlineAgentAsync();
        using var operatorClient = await _factory.SignInAsync(CentralRoles.Operator);
        Assert.Equal(HttpStatusCode.Accepted, (await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow))).StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(3));

        var second = await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("7", second.Headers.GetValues("Retry-After").Single());
        Assert.Contains("try again in 7 s", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(HttpStatusCode.Accepted, (await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow))).StatusCode);
    }

    [Fact]
    public async Task Ask_AgentSilent_NamedOfflineAndNotAsked()
    {
        await OnlineAgentAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        using var operatorClient = await _factory.SignInAsync(CentralRoles.Operator);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ReadAsync(response);
        Assert.Equal("NobodyOnline", answer.GetProperty("verdict").GetString());
        Assert.Contains("web01 is offline: not asked", answer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(answer.GetProperty("asked").EnumerateArray());
        Assert.Empty(await _factory.Services.GetRequiredService<AgentRequestQueue>().WaitAsync("web01", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Ask_NoAgentEnrolled_NamedOfflineAndTheNextClickNotLimited()
    {
        using var operatorClient = await _factory.SignInAsync(CentralRoles.Operator);

        var first = await ReadAsync(await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Host: "web01")));
        var second = await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Host: "web01"));

        Assert.Contains("web01 is offline (no agent enrolled for it): not asked", first.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Ask_UnknownEdge_404NamingIt()
    {
        using var operatorClient = await _factory.SignInAsync(CentralRoles.Operator);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: "no-such-flow"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-flow", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EdgeAndHostTogether_400()
    {
        using var operatorClient = await _factory.SignInAsync(CentralRoles.Operator);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow, Host: "web01"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exactly one", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RequestNobodyPicksUp_QueuedThenExpired()
    {
        await OnlineAgentAsync();
        using var operatorClient = await _factory.SignInAsync(CentralRoles.Operator);
        var answer = await ReadAsync(await operatorClient.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Host: "web01")));
        var id = answer.GetProperty("requestId").GetString();

        var queued = await ReadAsync(await operatorClient.GetAsync($"/api/v1/test-now/{id}"));
        _clock.Advance(AgentRequestQueue.PickupTimeout);
        var expired = await ReadAsync(await operatorClient.GetAsync($"/api/v1/test-now/{id}"));

        Assert.Equal("web01", queued[0].GetProperty("agentId").GetString());
        Assert.NotEqual(expired[0].GetProperty("state").ToString(), queued[0].GetProperty("state").ToString());
        Assert.Equal(AgentRequestState.Expired, _factory.Services.GetRequiredService<AgentRequestQueue>().StatusOf(Guid.Parse(id!)).Single().State);
    }

    /// <summary>web01 enrolled and heard from just now (its plan fetch).</summary>
    private async Task OnlineAgentAsync()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token))).EnsureSuccessStatusCode();
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public void Dispose() => _factory.Dispose();
}
