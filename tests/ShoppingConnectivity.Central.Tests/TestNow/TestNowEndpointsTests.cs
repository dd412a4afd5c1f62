using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Central.TestNow;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.TestNow;

public sealed class TestNowEndpointsTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task Requests_WithoutToken_Returns401()
    {
        using var client = _factory.CreateClient();
        await AgentApi.EnrolAsync(client);

        var response = await client.GetAsync("/api/v1/agents/web01/requests?wait=0");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Requests_WithAnotherAgentsToken_Returns401AndHandsOutNothing()
    {
        using var client = _factory.CreateClient();
        await AgentApi.EnrolAsync(client);
        var db = await AgentApi.EnrolAsync(client, "db01");
        var queue = _factory.Services.GetRequiredService<AgentRequestQueue>();
        queue.Enqueue(Guid.NewGuid(), "web01", [SqlProbe]);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/requests?wait=0", db.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(await queue.WaitAsync("web01", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Requests_NothingQueued_Returns204AfterTheWait()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/requests?wait=50ms", agent.Token));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Requests_Queued_Returns200WithTheProbes()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var id = Guid.NewGuid();
        _factory.Services.GetRequiredService<AgentRequestQueue>().Enqueue(id, "web01", [SqlProbe]);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/requests?wait=25s", agent.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<AgentRequests>(ContractsJson.Options))!;
        var request = Assert.Single(body.Requests);
        Assert.Equal(id, request.RequestId);
        Assert.Equal([SqlProbe], request.ProbeIds);
    }

    [Fact]
    public async Task Requests_QueuedWhileTheAgentWaits_AnswersThen()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var queue = _factory.Services.GetRequiredService<AgentRequestQueue>();

        var answer = client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/requests?wait=60", agent.Token));
        await ShoppingConnectivity.TestSupport.Eventually.AssertAsync(() => queue.EverPolled("web01"), TimeSpan.FromSeconds(10), () => "the agent never waited");
        queue.Enqueue(Guid.NewGuid(), "web01", [SqlProbe]);

        var response = await answer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("61")]
    [InlineData("-1")]
    public async Task Requests_BadWait_Returns400NamingIt(string wait)
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, $"/api/v1/agents/web01/requests?wait={wait}", agent.Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("wait", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 25_000)]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("60s", 60_000)]
    public void ReadWait_Readable_Span(string? wait, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), TestNowEndpoints.ReadWait(wait));

    public void Dispose() => _factory.Dispose();
}
