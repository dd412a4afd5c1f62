using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Estates.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Tests.Estates.Pages;

public sealed class EstateSettingsPageModelTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly Estate Estate = TestEstates.Sample;

    private readonly EstateSettingsPageModel _page = new(Catalogue);

    [Fact]
    public void Load_SavedEstate_ItsNameEverySwitchAndPort()
    {
        _page.Load(Estate, 3);

        Assert.Equal("Test estate", _page.Name);
        Assert.Equal(Catalogue.Switches.Select(s => s.Id).Order(), _page.Switches.Keys.Order());
        Assert.All(Catalogue.Switches, s => Assert.Equal(s.Default, _page.Switches[s.Id]));
        Assert.All(_page.Ports.Values, Assert.Null);
        Assert.Equal(3, _page.Version);
    }

    [Fact]
    public void Load_NeverSaved_NoName()
    {
        _page.Load(Estate, 0);

        Assert.Equal("", _page.Name);
    }

    [Fact]
    public void Document_Form_NameSwitchesAndSetPortsOverTheHosts()
    {
        _page.Load(Estate, 3);
        var port = Catalogue.PortSettings[0].Id;
        _page.Ports[port] = 1500;
        _page.Name = "Renamed";

        var document = _page.Document(Estate);

        Assert.Equal("Renamed", document.Name);
        Assert.Equal(new Dictionary<string, int> { [port] = 1500 }, document.Ports);
        Assert.Equal(Estate.Hosts.Count, document.Hosts!.Count);
    }

    [Fact]
    public void Document_RpcRange_SetWhenGivenLeftOutWhenEmpty()
    {
        _page.Load(Estate with { RpcDynamicPorts = new RpcPortRange(10000, 20000) }, 3);
        Assert.Equal("10000-20000", _page.RpcDynamicPorts);

        _page.RpcDynamicPorts = " 5000-5100 ";
        Assert.Equal("5000-5100", _page.Document(Estate).RpcDynamicPorts);

        _page.RpcDynamicPorts = "";
        Assert.Null(_page.Document(Estate).RpcDynamicPorts);
    }

    [Fact]
    public void MessagesFor_RpcRangeBelow1025_CoreSaysWhy()
    {
        _page.Load(Estate, 3);
        _page.RpcDynamicPorts = "135-5000";

        Assert.Equal(["'135-5000' is outside 1025-65535 (Windows gives dynamic RPC ports above 1024)."], _page.MessagesFor("rpcDynamicPorts", Estate));
    }

    [Fact]
    public void MessagesFor_EmptyName_CoreSaysWhy()
    {
        _page.Load(Estate, 3);
        _page.Name = " ";

        Assert.NotEmpty(_page.MessagesFor("name", Estate));
    }

    [Fact]
    public void Saved_Refused_ErrorsInTheMessage()
    {
        _page.Load(Estate, 3);

        Assert.False(_page.Saved(new EstateSaveResult(EstateSaveStatus.Conflict, 4, [], "Someone saved first.")));
        Assert.Equal("Someone saved first.", _page.Message);
        Assert.Equal(3, _page.Version);
    }

    [Fact]
    public void Saved_Saved_TheNewVersion()
    {
        _page.Load(Estate, 3);

        Assert.True(_page.Saved(EstateSaveResult.Saved(4)));
        Assert.Equal(4, _page.Version);
        Assert.Equal("Switches and ports saved (estate version 4).", EstateSettingsPageModel.SavedText(EstateSaveResult.Saved(4)));
    }
}
