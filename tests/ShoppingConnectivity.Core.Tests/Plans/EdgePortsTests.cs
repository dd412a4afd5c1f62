using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Core.Tests.Plans;

public class EdgePortsTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly ProbeDefaults Defaults = ProbeDefaults.Standard;

    public static TheoryData<string, string[], string, string> Cases => new()
    {
        // flow, hosts ("name:role[:setting=port]"), estate ports ("setting=port" or ""), expected label
        { "website-shoppingdb-sql", ["sql01:ShoppingDb"], "", "1433" },
        { "website-shoppingdb-sql", ["sql01:ShoppingDb:shoppingDbSql=14330"], "", "14330" },
        { "website-shoppingdb-sql", ["sql01:ShoppingDb", "sql02:ShoppingDb:shoppingDbSql=14330"], "", "1433 (sql02: 14330)" },
        { "website-shoppingdb-sql", ["sql01:ShoppingDb:shoppingDbSql=14330", "sql02:ShoppingDb"], "", "1433 (sql01: 14330)" },
        { "website-shoppingdb-sql", ["sql01:ShoppingDb:shoppingDbSql=14330", "sql02:ShoppingDb:shoppingDbSql=14330", "sql03:ShoppingDb"], "", "14330 (sql03: 1433)" },
        { "client-website-http", ["web01:Website"], "websiteHttp=18081", "18081" },
        { "client-website-http", ["web01:Website", "web02:Website:websiteHttp=8080"], "websiteHttp=18081", "18081 (web02: 8080)" },
        { "client-website-http", [], "websiteHttp=18081", "18081" },
        { "receiver-smsprovider-wmi", ["sms01:SmsProvider"], "", "135, 445" },
        { "client-dc-ldaps", ["dc01:DomainController"], "", "636, 3269" },
        { "client-tachyon-http", ["pc1:Client", "pc2:Client:tachyonLoopback=8001"], "", "8000 (pc2: 8001)" },
        {
            "client-tachyon-http",
            ["pc1:Client:tachyonLoopback=8001", "pc2:Client:tachyonLoopback=8001", "pc3:Client:tachyonLoopback=8001", "pc4:Client:tachyonLoopback=8001", "pc5:Client", "pc6:Client", "pc7:Client", "pc8:Client", "pc9:Client"],
            "", "8000 (pc1: 8001, pc2: 8001, pc3: 8001 and 1 more)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_EstateWithOverrides_LabelsThePortsProbed(string flowId, string[] hosts, string estatePorts, string expected)
    {
        var estate = EstateOf(hosts, estatePorts);

        Assert.Equal(expected, EdgePorts.Of(Flow(flowId), estate).Label);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_AnyEstate_PortsAreThePortsThePlansProbe(string flowId, string[] hosts, string estatePorts, string expected)
    {
        _ = expected;
        var estate = EstateOf(hosts, estatePorts);
        var planned = estate.Hosts
            .SelectMany(h => PlanBuilder.ProbesFor(Catalogue, estate, h, Defaults))
            .Where(p => p.FlowId == flowId).Select(p => p.Port).Distinct().Order().ToList();
        if (planned.Count == 0) return; // no source host in the estate: nothing is probed, the label says what would be

        Assert.Equal(planned, EdgePorts.Of(Flow(flowId), estate).Ports.Order().ToList());
    }

    [Fact]
    public void Of_SameEstateTwice_ComputesOnce()
    {
        var estate = EstateOf(["sql01:ShoppingDb:shoppingDbSql=14330"], "");

        Assert.Same(EdgePorts.Of(Flow("website-shoppingdb-sql"), estate), EdgePorts.Of(Flow("website-shoppingdb-sql"), estate));
    }

    [Fact]
    public void OfHost_HostWithItsOwnPort_NamesItsPort()
    {
        var estate = EstateOf(["sql01:ShoppingDb", "sql02:ShoppingDb:shoppingDbSql=14330"], "");

        Assert.Equal("14330", EdgePorts.OfHost(Flow("website-shoppingdb-sql"), estate, estate.FindHost("sql02")!).Label);
        Assert.Equal("1433", EdgePorts.OfHost(Flow("website-shoppingdb-sql"), estate, estate.FindHost("sql01")!).Label);
    }

    [Fact]
    public void Catalogue_NoEstate_NamesTheCataloguePorts()
    {
        Assert.Equal("135, 445", EdgePorts.Catalogue(Flow("receiver-smsprovider-wmi")).Label);
        Assert.Equal([135, 445], EdgePorts.Catalogue(Flow("receiver-smsprovider-wmi")).Ports);
    }

    private static Flow Flow(string id) => Catalogue.FindFlow(id) ?? throw new InvalidOperationException(id);

    /// <summary>Hosts as "name:role[:setting=port]"; every role that probes gets a source host so plans exist.</summary>
    private static Estate EstateOf(string[] hosts, string estatePorts)
    {
        var list = hosts.Select(h =>
        {
            var parts = h.Split(':');
            var ports = parts.Skip(2).Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
            return new EstateHost(parts[0], null, [parts[1]], ports);
        }).ToList();
        foreach (var source in new[] { "Website", "Receiver", "CentralService", "AdminConsole", "Client" })
        {
            if (list.All(h => !h.Roles.Contains(source))) list.Add(new EstateHost(source.ToLowerInvariant() + "-src", null, [source], new Dictionary<string, int>()));
        }

        var estate = estatePorts.Length == 0 ? new Dictionary<string, int>()
            : estatePorts.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new Estate("Test", Catalogue.Switches.ToDictionary(s => s.Id, s => s.Default, StringComparer.Ordinal), estate, list);
    }
}
