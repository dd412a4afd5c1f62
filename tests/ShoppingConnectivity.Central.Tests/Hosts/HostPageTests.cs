using Bunit;
using ShoppingConnectivity.Central.Hosts;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Hosts;

/// <summary>The host matrix in an estate with port overrides: each row names the ports this host probes or is probed on.</summary>
public sealed class HostPageTests : IAsyncLifetime
{
    private const string SqlFlow = "website-shoppingdb-sql";

    private readonly PageHost _host = new(estateJson: TestEstates.PortOverridesJson);

    public Task InitializeAsync()
    {
        var now = _host.Get<TimeProvider>().GetUtcNow();
        _host.Get<LiveState>().Apply(
        [
            new LinkSnapshot("web01", $"{SqlFlow}/sql01/1433", SqlFlow, "sql01", 1433, ProbeOutcome.Reachable, now, now, 2, null, 60),
            new LinkSnapshot("web01", $"{SqlFlow}/sql02/14330", SqlFlow, "sql02", 14330, ProbeOutcome.TimedOut, now, now, null, "no answer", 60),
        ]);
        return Task.CompletedTask;
    }

    [Fact]
    public void Inbound_HostWithItsOwnPort_RowNamesThatPort()
    {
        var page = _host.Context.Render<HostPage>(p => p.Add(c => c.Name, "sql02"));

        Assert.Equal("Shopping Website \u2192 Shopping DB (SQL Server), TCP 14330", page.Find($".inbound-matrix tr[data-flow='{SqlFlow}'] th").TextContent.Trim());
    }

    [Fact]
    public void Outbound_TargetsOnDifferentPorts_RowNamesEachPortAndCellsTheirOwn()
    {
        var page = _host.Context.Render<HostPage>(p => p.Add(c => c.Name, "web01"));

        var row = page.Find($".outbound-matrix tr[data-flow='{SqlFlow}']");
        Assert.EndsWith(", TCP 1433, 14330", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("14330 TimedOut", row.QuerySelector("td[data-target='sql02']")!.TextContent);
        Assert.Contains("1433 Reachable", row.QuerySelector("td[data-target='sql01']")!.TextContent);
    }

    [Fact]
    public void Outbound_CertificateNearExpiry_CellNamesTheCause()
    {
        const string ldaps = "website-dc-ldaps";
        var now = _host.Get<TimeProvider>().GetUtcNow();
        var expiry = now.AddDays(4).AddHours(1).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        _host.Get<LiveState>().Apply([new LinkSnapshot("web01", $"{ldaps}/dc01/636", ldaps, "dc01", 636, ProbeOutcome.Reachable, now, now, 3,
            $"TLS 1.3, certificate CN=dc01 issued by CN=ca, expires {expiry} UTC (4 days left, within the 14-day warning: renew it soon).", 60, Degraded: true)]);

        var page = _host.Context.Render<HostPage>(p => p.Add(c => c.Name, "web01"));

        var cell = page.Find($".outbound-matrix tr[data-flow='{ldaps}'] td[data-target='dc01']");
        Assert.Contains("636 Reachable: certificate expires in 4 days", cell.TextContent);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
