using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Core.Tests.Plans;

public class EstateCoverageTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;

    /// <summary>An estate with one host per role given ("web01:Website").</summary>
    private static Estate With(params string[] hosts) => Estate.Empty(Catalogue) with
    {
        Hosts = hosts.Select(h => h.Split(':')).Select(h => new EstateHost(h[0], null, h[1].Split('+'), new Dictionary<string, int>())).ToList(),
    };

    [Theory]
    // Both ends present: in the estate.
    [InlineData("central-activeefficiency-http", null, "cs01:CentralService", "ae01:ActiveEfficiency")]
    // One host playing both roles of a flow is both ends.
    [InlineData("website-shoppingdb-sql", null, "box01:Website+ShoppingDb")]
    // No target host: the edge waits for nothing.
    [InlineData("central-activeefficiency-http", "no ActiveEfficiency host", "cs01:CentralService")]
    // No source host: nobody probes it.
    [InlineData("client-website-http", "no Client host", "web01:Website")]
    // Neither end: both named.
    [InlineData("central-activeefficiency-http", "no Central Service and no ActiveEfficiency host", "web01:Website")]
    // A loopback flow targets the source's own machine: a client is both ends.
    [InlineData("client-tachyon-http", null, "pc01:Client")]
    [InlineData("client-tachyon-http", "no Client host", "web01:Website")]
    public void Missing_EstateHosts_NamesTheRoleWithoutAHost(string flowId, string? expected, params string[] hosts)
    {
        var flow = Catalogue.FindFlow(flowId)!;

        Assert.Equal(expected, EstateCoverage.Missing(flow, With(hosts), Catalogue));
    }

    [Fact]
    public void Missing_EveryRoleHasAHost_NoFlowIsMissing()
    {
        var estate = With(Catalogue.Roles.Select((r, i) => $"h{i}:{r.Id}").ToArray());

        Assert.All(Catalogue.Flows, f => Assert.Null(EstateCoverage.Missing(f, estate, Catalogue)));
    }
}
