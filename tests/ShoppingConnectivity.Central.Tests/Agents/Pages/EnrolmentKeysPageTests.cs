using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Agents.Pages;
using ShoppingConnectivity.Central.Tests.Estates.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Agents.Pages;

/// <summary>The enrolment keys page: a new key is shown once, a bad name is refused on its field.</summary>
public sealed class EnrolmentKeysPageTests : IAsyncLifetime
{
    private EstatePageContext _ctx = default!;

    [Fact]
    public async Task Create_Key_ShowsItOnceAndListsIt()
    {
        var cut = _ctx.Bunit.Render<EnrolmentKeysPage>();

        cut.ChangeOn(".key-name input", "site A rollout");
        cut.ClickOn("button.create-key");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".new-key")));
        var secret = cut.Find(".new-key-value input").GetAttribute("value")!;
        Assert.StartsWith(EnrolmentKeys.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal("Active", cut.Find(".key-status[data-key='site A rollout']").TextContent);
        Assert.True((await Keys.CheckAsync(secret)).Accepted);

        var again = _ctx.Bunit.Render<EnrolmentKeysPage>(); // another visit: the key is not shown again
        Assert.Empty(again.FindAll(".new-key"));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutName_ShowsTheMessageOnTheNameField()
    {
        var cut = _ctx.Bunit.Render<EnrolmentKeysPage>();

        cut.ClickOn("button.create-key");

        cut.WaitForAssertion(() => Assert.Contains("give the key a name", cut.Find(".key-name .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".new-key"));
        Assert.Empty(await Keys.ListAsync());
    }

    private EnrolmentKeys Keys => _ctx.Bunit.Services.GetRequiredService<EnrolmentKeys>();

    public async Task InitializeAsync()
    {
        _ctx = await EstatePageContext.StartAsync(s => s.AddSingleton<EnrolmentKeys>());
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
