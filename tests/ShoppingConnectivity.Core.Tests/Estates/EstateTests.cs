using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

public class EstateTests
{
    private static readonly EstateHost Plain = new("cm01", null, ["SmsProvider"], new Dictionary<string, int>());

    private static readonly EstateHost Restricted = Plain with { Name = "cm02", RpcDynamicPorts = new RpcPortRange(5000, 5100) };

    [Fact]
    public void RpcDynamicPortsFor_HostOverride_WinsOverTheEstates()
    {
        var estate = Estate.Empty(FlowCatalogue.Default) with { Hosts = [Plain, Restricted], RpcDynamicPorts = new RpcPortRange(10000, 20000) };

        Assert.Equal(new RpcPortRange(5000, 5100), estate.RpcDynamicPortsFor(Restricted));
        Assert.Equal(new RpcPortRange(10000, 20000), estate.RpcDynamicPortsFor(Plain));
    }

    [Fact]
    public void RpcDynamicPortsFor_NothingSet_IsNullForWindowsDefault()
    {
        var estate = Estate.Empty(FlowCatalogue.Default) with { Hosts = [Plain] };

        Assert.Null(estate.RpcDynamicPortsFor(Plain));
        Assert.Null(estate.RpcDynamicPortsFor(null));
    }
}
