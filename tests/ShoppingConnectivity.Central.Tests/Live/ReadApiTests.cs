using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Live;

public sealed class ReadApiTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task Catalogue_Get_ReturnsEveryShippedFlowAsJson()
    {
        using var client = await _factory.SignInAsync();

        var response = await client.GetAsync("/api/v1/catalogue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var catalogue = FlowCatalogue.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(FlowCatalogue.Default.Version, catalogue.Version);
        Assert.Equal(FlowCatalogue.Default.Flows.Select(f => f.Id), catalogue.Flows.Select(f => f.Id));
        Assert.Contains(catalogue.Flows, f => f.Ports.Contains(3268));
        Assert.Contains(catalogue.Flows, f => f.Ports.Contains(3269));
    }

    [Fact]
    public async Task Edges_BeforeAnyResult_ListsEveryFlowGreyOffOrAbsent()
    {
        using var client = await _factory.SignInAsync();

        using var edges = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));

        var items = edges.RootElement.EnumerateArray().ToList();
        Assert.Equal(FlowCatalogue.Default.Flows.Count, items.Count);
        Assert.All(items, e => Assert.Contains(e.GetProperty("colour").GetString(), new[] { "Grey", "Off", "Absent" }));
        var first = items[0];
        Assert.True(first.TryGetProperty("counts", out _));
        Assert.True(first.TryGetProperty("lastChange", out _));
        Assert.Equal("No data", items.First(e => e.GetProperty("flowId").GetString() == "website-shoppingdb-sql").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Edges_FlowWithoutAHostOfItsRole_IsNotInThisEstateWithTheReason()
    {
        using var client = await _factory.SignInAsync();

        using var edges = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));

        // The test estate has servers only: no client probes anything, so the client flows can never have links.
        var edge = edges.RootElement.EnumerateArray().Single(e => e.GetProperty("flowId").GetString() == "client-website-http");
        Assert.Equal("Absent", edge.GetProperty("colour").GetString());
        Assert.Equal("Not in estate", edge.GetProperty("label").GetString());
        Assert.Equal("not in this estate: no Client host", edge.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Edges_HostPortOverride_NameThePortsProbed()
    {
        using var client = await _factory.SignInAsync();

        using var edges = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));

        // db01, the test estate's only SQL Server, listens on 47101: agents probe that, so the API says that.
        var sql = edges.RootElement.EnumerateArray().Single(e => e.GetProperty("flowId").GetString() == "website-shoppingdb-sql");
        Assert.Equal([47101], sql.GetProperty("ports").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("47101", sql.GetProperty("portsLabel").GetString());
    }

    [Fact]
    public async Task Suspects_OneClientBlockedFromATargetItsPeersReach_NamesTheClient()
    {
        using var client = await _factory.SignInAsync();
        ClientsProbingTheWebsite(blocked: "pc03");

        using var suspects = JsonDocument.Parse(await client.GetStringAsync("/api/v1/suspects"));

        var suspect = Assert.Single(suspects.RootElement.EnumerateArray());
        Assert.Equal("Source", suspect.GetProperty("kind").GetString());
        Assert.Equal("Client", suspect.GetProperty("role").GetString());
        Assert.Equal("pc03", suspect.GetProperty("host").GetString());
        Assert.Equal("pc03: cannot reach web01:80, which 4 other clients reach", suspect.GetProperty("text").GetString());
        Assert.Equal(["client-website-http"], suspect.GetProperty("flowIds").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Edges_WithSuspects_EachEdgeCarriesTheSuspectsThatExplainIt()
    {
        using var client = await _factory.SignInAsync();
        ClientsProbingTheWebsite(blocked: "pc03");
        var now = DateTimeOffset.UtcNow;
        _factory.Services.GetRequiredService<LiveState>().Apply(
            [new LinkSnapshot("web01", "website-shoppingdb-sql/db01/47101", "website-shoppingdb-sql", "db01", 47101, ProbeOutcome.TimedOut, now, now, null, null, 60)]);

        using var edges = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));

        var byFlow = edges.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("flowId").GetString()!);
        var website = Assert.Single(byFlow["client-website-http"].GetProperty("suspects").EnumerateArray());
        Assert.Equal(("Source", "pc03", "pc03: cannot reach web01:80, which 4 other clients reach"),
            (website.GetProperty("kind").GetString(), website.GetProperty("host").GetString(), website.GetProperty("text").GetString()));
        var sql = Assert.Single(byFlow["website-shoppingdb-sql"].GetProperty("suspects").EnumerateArray());
        Assert.Equal(("Edge", JsonValueKind.Null), (sql.GetProperty("kind").GetString(), sql.GetProperty("host").ValueKind));
        Assert.Empty(byFlow["client-dc-ldap"].GetProperty("suspects").EnumerateArray());
        // The edge's own fields are all still there.
        Assert.Equal("4 / 5 reachable", byFlow["client-website-http"].GetProperty("share").GetString());
        Assert.Equal(1, byFlow["client-website-http"].GetProperty("counts").GetProperty("TimedOut").GetInt32());
    }

    /// <summary>pc01..pc05 probe web01:80; <paramref name="blocked"/> times out, the others reach it.</summary>
    private void ClientsProbingTheWebsite(string blocked)
    {
        var now = DateTimeOffset.UtcNow;
        _factory.Services.GetRequiredService<LiveState>().Apply(Enumerable.Range(1, 5).Select(i => $"pc{i:D2}").Select(pc =>
            new LinkSnapshot(pc, "client-website-http/web01/80", "client-website-http", "web01", 80,
                pc == blocked ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable, now, now, null, null, 60)));
    }

    [Fact]
    public async Task Healthz_Get_ReportsHealthy()
    {
        using var client = _factory.CreateClient();

        var body = await client.GetStringAsync("/healthz");

        Assert.Equal("Healthy", body);
    }

    public void Dispose() => _factory.Dispose();
}
