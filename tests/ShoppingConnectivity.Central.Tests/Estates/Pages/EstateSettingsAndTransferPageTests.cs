using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using ShoppingConnectivity.Central.Estates.Pages;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Estates.Pages;

/// <summary>Switches and estate ports; the import of an uploaded file.</summary>
public sealed class EstateSettingsAndTransferPageTests : IAsyncLifetime
{
    private EstatePageContext _ctx = default!;

    [Fact]
    public void Settings_SwitchTurnedOn_IsStored()
    {
        var cut = _ctx.Bunit.Render<EstateSettingsPage>();
        Assert.Contains("Shopping integrates with AppClarity", cut.Find("[data-switch='appClarity']").TextContent, StringComparison.Ordinal);

        cut.ChangeOn(".switch-appClarity input", true);
        cut.ClickOn("button.save-settings");

        cut.WaitForAssertion(() => Assert.Equal(2, _ctx.Store.State.Version));
        Assert.True(_ctx.Store.Current.Switches["appClarity"]);
    }

    [Fact]
    public void Settings_PortOutOfRangeAndNoName_ShowsMessagesOnThoseFieldsAndStoresNothing()
    {
        var cut = _ctx.Bunit.Render<EstateSettingsPage>();
        Assert.Equal("25", cut.Find(".field-port-smtp input").GetAttribute("placeholder"));

        cut.Find(".field-port-smtp input").Input("0");
        cut.Find(".field-estate-name input").Input(" ");
        cut.ClickOn("button.save-settings");

        cut.WaitForAssertion(() => Assert.Equal("port 0 is outside 1-65535.", ErrorOf(cut, "field-port-smtp")));
        Assert.Equal("the estate needs a name.", ErrorOf(cut, "field-estate-name"));
        Assert.Equal("", ErrorOf(cut, "field-port-pop3"));
        Assert.Equal(1, _ctx.Store.State.Version);
    }

    [Fact]
    public void Settings_RpcRange_StoredForTheEstate()
    {
        var cut = _ctx.Bunit.Render<EstateSettingsPage>();
        Assert.Equal("49152-65535", cut.Find(".field-rpc-dynamic-ports input").GetAttribute("placeholder"));

        cut.Find(".field-rpc-dynamic-ports input").Input("10000-20000");
        cut.ClickOn("button.save-settings");

        cut.WaitForAssertion(() => Assert.Equal(2, _ctx.Store.State.Version));
        Assert.Equal(new RpcPortRange(10000, 20000), _ctx.Store.Current.RpcDynamicPorts);
    }

    [Fact]
    public void Import_InvalidFile_ListsEveryErrorAndChangesNothing()
    {
        var before = File.ReadAllText(_ctx.EstatePath);
        var cut = _ctx.Bunit.Render<EstateTransferPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("""
            name: Broken
            hosts:
              - name: sql01
                roles: [SqlServer]
              - name: bad name
                roles: [Website]
            """, "broken.yaml"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".import-error").Count));
        var errors = cut.FindAll(".import-error").Select(e => e.TextContent).ToList();
        Assert.StartsWith("hosts[0] (sql01).roles[0]: unknown role 'SqlServer'", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("hosts[1] (bad name).name:", errors[1], StringComparison.Ordinal);
        Assert.Contains("broken.yaml was not imported; nothing was changed", cut.Find(".import-errors").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, _ctx.Store.State.Version);
        Assert.Equal(before, File.ReadAllText(_ctx.EstatePath));
    }

    [Fact]
    public void Import_ValidFile_ReplacesTheEstateAndShowsItInTheHistory()
    {
        var cut = _ctx.Bunit.Render<EstateTransferPage>();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            """{ "name": "Uploaded", "hosts": [ { "name": "app01", "roles": ["Website"] } ] }""", "new.json"));

        cut.WaitForAssertion(() => Assert.Equal(2, _ctx.Store.State.Version));
        Assert.Equal("Uploaded", _ctx.Store.Current.Name);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".estate-history tbody tr").Count));
        Assert.Contains("import", cut.Find(".estate-history tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".import-error"));
    }

    public async Task InitializeAsync() => _ctx = await EstatePageContext.StartAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static string ErrorOf<T>(IRenderedComponent<T> cut, string fieldClass) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll($".{fieldClass} .mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0) ?? "";
}
