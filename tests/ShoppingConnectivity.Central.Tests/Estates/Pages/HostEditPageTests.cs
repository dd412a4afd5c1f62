using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Estates.Pages;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Estates.Pages;

/// <summary>The host form: Core's validation messages on the fields they are about; a valid save stores a new version.</summary>
public sealed class HostEditPageTests : IAsyncLifetime
{
    private EstatePageContext _ctx = default!;

    [Fact]
    public void Save_InvalidNameAndNoRoles_ShowsEachMessageOnItsFieldAndStoresNothing()
    {
        var cut = _ctx.Bunit.Render<HostEditPage>();

        cut.Find(".field-name input").Input("bad name!");
        cut.ClickOn("button.save-host");

        cut.WaitForAssertion(() => Assert.Contains("'bad name!' is not a valid host name", ErrorOf(cut, "field-name"), StringComparison.Ordinal));
        Assert.StartsWith("a host needs at least one role", ErrorOf(cut, "field-roles"), StringComparison.Ordinal);
        Assert.Equal("", ErrorOf(cut, "field-address"));
        Assert.Equal("", ErrorOf(cut, "field-port-websiteHttp"));
        Assert.Contains("Not saved", cut.Find(".save-error").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, _ctx.Store.State.Version);
        Assert.Equal(3, _ctx.Store.Current.Hosts.Count);
    }

    [Fact]
    public void Save_DuplicateNameAndPortOutOfRange_ShowsMessagesOnThoseFields()
    {
        var cut = _ctx.Bunit.Render<HostEditPage>();

        cut.Find(".field-name input").Input("WEB01");
        cut.Find(".field-address input").Input("10.0.0 .9");
        cut.Find(".field-port-websiteHttp input").Input("70000");
        cut.ClickOn("button.save-host");

        cut.WaitForAssertion(() => Assert.Equal("host 'WEB01' is listed twice.", ErrorOf(cut, "field-name")));
        Assert.Equal("'10.0.0 .9' is not a host name or IP address.", ErrorOf(cut, "field-address"));
        Assert.Equal("port 70000 is outside 1-65535.", ErrorOf(cut, "field-port-websiteHttp"));
        Assert.Equal("", ErrorOf(cut, "field-port-smtp"));
        Assert.Equal(1, _ctx.Store.State.Version);
    }

    [Fact]
    public void Field_FixedAfterAFailedSave_LosesItsMessage()
    {
        var cut = _ctx.Bunit.Render<HostEditPage>();
        cut.Find(".field-name input").Input("bad name!");
        cut.ClickOn("button.save-host");
        cut.WaitForAssertion(() => Assert.NotEqual("", ErrorOf(cut, "field-name")));

        cut.Find(".field-name input").Input("rcv01");

        cut.WaitForAssertion(() => Assert.Equal("", ErrorOf(cut, "field-name")));
    }

    [Fact]
    public async Task Save_EditedHost_StoresANewVersionAndWritesTheFile()
    {
        var cut = _ctx.Bunit.Render<HostEditPage>(p => p.Add(c => c.Name, "db01"));
        Assert.Equal("47101", cut.Find(".field-port-shoppingDbSql input").GetAttribute("value"));
        Assert.NotEmpty(cut.FindAll(".plan-empty")); // a SQL Server runs no probes of its own

        cut.Find(".field-address input").Input("10.9.9.9");
        cut.Find(".field-port-shoppingDbSql input").Input("");
        cut.ClickOn("button.save-host");

        cut.WaitForAssertion(() => Assert.Equal(2, _ctx.Store.State.Version));
        var db01 = _ctx.Store.Current.FindHost("db01")!;
        Assert.Equal(("10.9.9.9", 0), (db01.Address, db01.Ports.Count));
        Assert.Contains("10.9.9.9", await File.ReadAllTextAsync(_ctx.EstatePath), StringComparison.Ordinal);
        Assert.EndsWith("/estate", _ctx.Bunit.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_HostRpcRange_WrongShowsCoresMessageThenValidIsStored()
    {
        var cut = _ctx.Bunit.Render<HostEditPage>(p => p.Add(c => c.Name, "db01"));
        Assert.Contains("Left empty: 49152-65535 (Windows' default).", cut.Find(".field-rpc-dynamic-ports").TextContent, StringComparison.Ordinal);

        cut.Find(".field-rpc-dynamic-ports input").Input("1024-5000");
        cut.ClickOn("button.save-host");
        cut.WaitForAssertion(() => Assert.Equal("'1024-5000' is outside 1025-65535 (Windows gives dynamic RPC ports above 1024).", ErrorOf(cut, "field-rpc-dynamic-ports")));
        Assert.Equal(1, _ctx.Store.State.Version);

        cut.Find(".field-rpc-dynamic-ports input").Input("5000-5100");
        cut.ClickOn("button.save-host");

        cut.WaitForAssertion(() => Assert.Equal(2, _ctx.Store.State.Version));
        Assert.Equal(new RpcPortRange(5000, 5100), _ctx.Store.Current.FindHost("db01")!.RpcDynamicPorts);
    }

    [Fact]
    public void Preview_ValidHost_ListsTheProbesItsAgentWillRun()
    {
        var cut = _ctx.Bunit.Render<HostEditPage>(p => p.Add(c => c.Name, "web01"));

        var probes = cut.FindAll("tr.plan-probe").Select(r => r.GetAttribute("data-probe")).ToList();

        Assert.Contains("website-shoppingdb-sql/db01/47101", probes);
        Assert.Contains("central-activeefficiency-http/ae01/80", probes);
    }

    [Fact]
    public void Render_UnknownHost_SaysSo()
    {
        var cut = _ctx.Bunit.Render<HostEditPage>(p => p.Add(c => c.Name, "nope01"));

        Assert.Contains("The estate has no host 'nope01'", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button.save-host"));
    }

    public async Task InitializeAsync() => _ctx = await EstatePageContext.StartAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>The validation message MudBlazor shows under the field with this class ("" when none).</summary>
    private static string ErrorOf<T>(IRenderedComponent<T> cut, string fieldClass) where T : IComponent =>
        cut.FindAll($".{fieldClass} .mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0) ?? "";
}
