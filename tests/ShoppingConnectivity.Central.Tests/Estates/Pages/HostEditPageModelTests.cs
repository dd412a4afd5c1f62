using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Estates.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Tests.Estates.Pages;

public sealed class HostEditPageModelTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly Estate Estate = TestEstates.Sample;
    private static readonly ProbeDefaults Defaults = new(3000, 60);

    private readonly HostEditPageModel _page = new(Catalogue);

    [Fact]
    public void Load_KnownHost_ItsPlaceAndValues()
    {
        _page.Load("db01", Estate, 7);

        Assert.Equal(1, _page.Index);
        Assert.Equal(7, _page.Version);
        Assert.False(_page.Missing);
        Assert.Equal("Edit host db01", _page.Title);
        Assert.Equal(47101, _page.Form.Ports["shoppingDbSql"]);
    }

    [Fact]
    public void Load_NoName_NewHostAfterTheOthers()
    {
        _page.Load(null, Estate, 7);

        Assert.Equal(3, _page.Index);
        Assert.Equal("Add host", _page.Title);
        Assert.Null(_page.Form.Name);
    }

    [Fact]
    public void Load_UnknownHost_Missing()
    {
        _page.Load("nope", Estate, 7);

        Assert.True(_page.Missing);
    }

    [Fact]
    public void MessagesFor_NameOfAnotherHost_CoreSaysItIsTaken()
    {
        _page.Load("db01", Estate, 7);
        _page.Form.Name = "web01";

        Assert.NotEmpty(_page.MessagesFor("name", Estate));
        Assert.Null(_page.Preview(Estate, Defaults));
    }

    [Fact]
    public void RoleMessages_NewFormUntouched_NoneUntilSubmitted()
    {
        _page.Load(null, Estate, 7);
        _page.Form.Name = "app01";

        Assert.Empty(_page.RoleMessages(Estate));
        _page.Submit();
        Assert.NotEmpty(_page.RoleMessages(Estate));
    }

    [Fact]
    public void SetRoles_Changed_RoleMessagesShown()
    {
        _page.Load(null, Estate, 7);
        _page.Form.Name = "app01";

        _page.SetRoles(["Website", null]);
        _page.SetRoles([]);

        Assert.Empty(_page.Form.Roles);
        Assert.NotEmpty(_page.RoleMessages(Estate));
    }

    [Fact]
    public void Preview_ValidNewHost_ItsProbes()
    {
        _page.Load(null, Estate, 7);
        _page.Form.Name = "app01";
        _page.SetRoles(["Website"]);

        var probes = _page.Preview(Estate, Defaults);

        Assert.NotNull(probes);
        Assert.NotEmpty(probes);
    }

    [Fact]
    public void CanSave_InvalidForm_NotSavedMessage()
    {
        _page.Load(null, Estate, 7);
        _page.Submit();

        Assert.False(_page.CanSave(formValid: true, Estate));
        Assert.Equal("Not saved: fix the fields marked above.", _page.Message);
        Assert.Empty(_page.Elsewhere);
    }

    [Fact]
    public void CanSave_ValidForm_True()
    {
        _page.Load("web01", Estate, 7);

        Assert.True(_page.CanSave(formValid: true, Estate));
        Assert.Null(_page.Message);
    }

    [Fact]
    public void Saved_Conflict_TheStoresMessage()
    {
        _page.Load("web01", Estate, 7);

        Assert.False(_page.Saved(new EstateSaveResult(EstateSaveStatus.Conflict, 8, [], "Someone saved first.")));
        Assert.Equal("Someone saved first.", _page.Message);
    }

    [Fact]
    public void SavedText_SavedOrUnchanged_SaysWhich()
    {
        _page.Load("web01", Estate, 7);

        Assert.Equal("web01 saved (estate version 8).", _page.SavedText(EstateSaveResult.Saved(8)));
        Assert.Equal("No change.", _page.SavedText(EstateSaveResult.Unchanged(7)));
    }

    [Fact]
    public void Document_HostWithItsOwnRpcRange_KeepsItThroughTheForm()
    {
        var estate = Estate with { Hosts = [.. Estate.Hosts.Select(h => h.Name == "db01" ? h with { RpcDynamicPorts = new RpcPortRange(5000, 5100) } : h)] };
        _page.Load("db01", estate, 7);

        var document = _page.Document(estate);

        Assert.Equal("5000-5100", _page.Form.RpcDynamicPorts);
        Assert.Equal("5000-5100", document.Hosts![1]!.RpcDynamicPorts);
    }

    [Fact]
    public void MessagesFor_RpcRangeReversed_CoreSaysWhy()
    {
        _page.Load("db01", Estate, 7);
        _page.Form.RpcDynamicPorts = "6000-5000";

        Assert.Equal(["'6000-5000' starts above its end (low-high with 1025 <= low <= high <= 65535; Windows' default is 49152-65535)."],
            _page.MessagesFor("rpcDynamicPorts", Estate));
    }

    [Fact]
    public void InheritedRpcDynamicPorts_EstateRangeOrWindowsDefault_SaysWhence()
    {
        Assert.Equal("49152-65535 (Windows' default)", HostEditPageModel.InheritedRpcDynamicPorts(Estate));
        Assert.Equal("10000-20000 (estate)", HostEditPageModel.InheritedRpcDynamicPorts(Estate with { RpcDynamicPorts = new RpcPortRange(10000, 20000) }));
    }

    [Fact]
    public void Inherited_EstatePortOrDefault_SaysWhence()
    {
        var setting = Catalogue.PortSettings[0];

        Assert.Equal($"{setting.Default} (default)", HostEditPageModel.Inherited(setting, Estate));
    }
}
