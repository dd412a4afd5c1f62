using System.Net;
using System.Text.Json;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Core.Catalogue;

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
    public async Task Healthz_Get_ReportsHealthy()
    {
        using var client = _factory.CreateClient();

        var body = await client.GetStringAsync("/healthz");

        Assert.Equal("Healthy", body);
    }

    public void Dispose() => _factory.Dispose();
}
