using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Firewall;

namespace ShoppingConnectivity.Core.Tests.Firewall;

public class FirewallRulesTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;

    [Fact]
    public void For_Estate_OneRulePerFlowSourceTargetAndPort()
    {
        var rules = FirewallRules.For(Catalogue, FirewallTestEstate.Estate());

        var sql = rules.Where(r => r.FlowId == "website-shoppingdb-sql").Select(r => (r.SourceHost, r.TargetHost, r.Port)).ToList();
        // allinone -> allinone never crosses a firewall; every other Website host reaches every Shopping DB on its own port.
        Assert.Equal(
            [("web01", "sql01", 14330), ("web01", "allinone", 1433), ("web02", "sql01", 14330), ("web02", "allinone", 1433), ("allinone", "sql01", 14330)],
            sql);
        var client = rules.Where(r => r.FlowId == "client-website-http").Select(r => (r.SourceHost, r.TargetHost, r.Port)).ToList();
        Assert.Equal([("pc01", "web01", 80), ("pc01", "web02", 80), ("pc01", "allinone", 80)], client);
        Assert.All(rules, r => Assert.NotEqual(r.SourceHost, r.TargetHost));
    }

    [Fact]
    public void For_LoopbackAndSwitchedOffFlows_AreLeftOut()
    {
        var rules = FirewallRules.For(Catalogue, FirewallTestEstate.Estate());

        Assert.DoesNotContain(rules, r => r.FlowId == "client-tachyon-http");
        Assert.DoesNotContain(rules, r => r.FlowId == "central-appclarity");

        var on = FirewallRules.For(Catalogue, FirewallTestEstate.Estate(FirewallTestEstate.Json.Replace("\"appClarity\": false", "\"appClarity\": true", StringComparison.Ordinal)));
        var appClarity = Assert.Single(on, r => r.FlowId == "central-appclarity");
        Assert.Equal(("web01", "10.0.0.5", "appc01", "appc01", 8335), (appClarity.SourceHost, appClarity.SourceAddress, appClarity.TargetHost, appClarity.TargetAddress, appClarity.Port));
    }

    [Fact]
    public void For_HostListedTwice_GivesEachOpeningOnce()
    {
        var estate = FirewallTestEstate.Estate();
        var sql = estate.FindHost("sql01")!;
        var twice = estate with { Hosts = [.. estate.Hosts, sql with { Name = "SQL01" }] };

        var rules = FirewallRules.For(Catalogue, twice);

        Assert.Single(rules, r => r.FlowId == "website-shoppingdb-sql" && r.SourceHost == "web01" && r.TargetHost.Equals("sql01", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void For_WmiFlow_OpensTheTargetsDynamicRpcRangeAfterItsPorts()
    {
        var estate = FirewallTestEstate.Estate("""
            {
              "name": "Wmi",
              "rpcDynamicPorts": "10000-20000",
              "hosts": [
                { "name": "web01", "roles": ["CentralService"] },
                { "name": "cm01", "roles": ["SmsProvider"] },
                { "name": "cm02", "roles": ["SmsProvider"], "rpcDynamicPorts": "5000-5100" }
              ]
            }
            """);

        var wmi = FirewallRules.For(Catalogue, estate).Where(r => r.FlowId == "central-smsprovider-wmi").ToList();

        Assert.Equal(["cm01 135", "cm01 445", "cm01 10000-20000", "cm02 135", "cm02 445", "cm02 5000-5100"], wmi.Select(r => $"{r.TargetHost} {r.Ports}"));
        Assert.Equal([true, false, false, true, false, false], wmi.Select(r => r.RpcEndpointMapper));
        var dynamic = Assert.Single(wmi, r => r.TargetHost == "cm02" && r.IsRpcDynamic);
        Assert.Equal((135, "TCP", "web01"), (dynamic.Port, dynamic.Protocol, dynamic.SourceHost));
        Assert.StartsWith("Dynamic RPC for WMI (DCOM), negotiated on TCP 135: the target's range as the estate sets it", dynamic.Purpose, StringComparison.Ordinal);
    }

    [Fact]
    public void For_WmiFlowWithoutRangeSet_OpensWindowsDefaultRange()
    {
        var estate = FirewallTestEstate.Estate("""
            { "name": "Wmi", "hosts": [ { "name": "web01", "roles": ["CentralService"] }, { "name": "cm01", "roles": ["SmsProvider"] } ] }
            """);

        var dynamic = Assert.Single(FirewallRules.For(Catalogue, estate), r => r.IsRpcDynamic);

        Assert.Equal(("central-smsprovider-wmi", RpcPortRange.WindowsDefault), (dynamic.FlowId, dynamic.RpcDynamicPorts!.Value));
        Assert.StartsWith("Dynamic RPC for WMI (DCOM), negotiated on TCP 135: Windows' default range", dynamic.Purpose, StringComparison.Ordinal);
    }

    [Fact]
    public void For_FlowsWithoutRpc_OpenNoRange()
    {
        var rules = FirewallRules.For(Catalogue, FirewallTestEstate.Wide());

        Assert.All(rules.Where(r => r.IsRpcDynamic || r.RpcEndpointMapper), r => Assert.EndsWith("-wmi", r.FlowId, StringComparison.Ordinal));
        Assert.All(rules.Where(r => !r.IsRpcDynamic), r => Assert.Equal(r.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Ports));
    }

    [Fact]
    public void For_EmptyEstate_GivesNoRules()
    {
        Assert.Empty(FirewallRules.For(Catalogue, Estate.Empty(Catalogue)));
    }
}
