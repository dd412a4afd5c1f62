using Bunit;
using ShoppingConnectivity.Central.Estates.Pages;

namespace ShoppingConnectivity.Central.Tests.Estates.Pages;

/// <summary>The estate's host list.</summary>
public sealed class EstateHostsPageTests : IAsyncLifetime
{
    private EstatePageContext _ctx = default!;

    [Fact]
    public void EstateHostsPage_EachHostName_LinksItsHostPage()
    {
        var cut = _ctx.Bunit.Render<EstateHostsPage>();

        var links = cut.FindAll("a.host-name");
        Assert.Equal(_ctx.Store.Current.Hosts.Count, links.Count);
        Assert.All(links, a => Assert.Equal($"/hosts/{a.GetAttribute("data-host")}", a.GetAttribute("href")));
    }

    public async Task InitializeAsync() => _ctx = await EstatePageContext.StartAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
