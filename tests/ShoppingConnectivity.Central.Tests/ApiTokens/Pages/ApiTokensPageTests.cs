using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.ApiTokens;
using ShoppingConnectivity.Central.ApiTokens.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.ApiTokens.Pages;

/// <summary>The API tokens page: a new token is shown once, made and revoked by the signed-in Admin, audited.</summary>
public sealed class ApiTokensPageTests : IAsyncLifetime
{
    private readonly PageHost _host = new();

    public ApiTokensPageTests()
    {
        // Who made or revoked a token is the circuit's user: bUnit's, as the page sees it.
        _host.Context.Services.AddScoped(sp => new ApiTokenAdministration(
            _host.Get<ApiTokenStore>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<AuthenticationStateProvider>()));
    }

    private ApiTokenStore Store => _host.Get<ApiTokenStore>();

    [Fact]
    public async Task Create_Token_ShownOnceListedAndAudited()
    {
        var cut = _host.Context.Render<ApiTokensPage>();

        cut.ChangeOn(".token-name input", "nightly-report");
        cut.ClickOn("button.create-token");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".new-token")));
        Assert.Contains("you will not see it again", cut.Find(".new-token").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("button.copy-token"));
        var secret = cut.Find(".new-token-value input").GetAttribute("value")!;
        Assert.StartsWith(ApiTokenFormat.Prefix, secret, StringComparison.Ordinal);
        // The list is read again after the token shows (PostgreSQL may answer a moment later).
        cut.WaitForAssertion(() => Assert.Equal("Active", cut.Find(".token-status[data-token='nightly-report']").TextContent));
        var check = await Store.CheckAsync(secret);
        Assert.Equal((CentralRoles.Viewer, PageHost.UserName), (check.Token!.Role, check.Token.CreatedBy));
        var audit = Assert.Single(await _host.Get<IAuditLog>().ListAsync("api-token.create"));
        Assert.Equal((PageHost.UserName, "nightly-report"), (audit.Actor, audit.Target));
        Assert.DoesNotContain(secret, audit.Details ?? "", StringComparison.Ordinal);

        var again = _host.Context.Render<ApiTokensPage>(); // another visit: the token is not shown again
        again.WaitForAssertion(() => Assert.Single(again.FindAll(".token-status")));
        Assert.Empty(again.FindAll(".new-token"));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutName_ShowsTheMessageOnTheNameField()
    {
        var cut = _host.Context.Render<ApiTokensPage>();

        cut.ClickOn("button.create-token");

        cut.WaitForAssertion(() => Assert.Contains("give the token a name", cut.Find(".token-name .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".new-token"));
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Revoke_Token_RevokedByTheAdminAndAudited()
    {
        var (token, secret, _) = await Store.CreateAsync("old-script", CentralRoles.Operator, DateTimeOffset.UtcNow.AddDays(30), "someone");
        await using var scope = _host.Context.Services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<ApiTokenAdministration>().RevokeAsync(token!.Id);

        var cut = _host.Context.Render<ApiTokensPage>();
        cut.WaitForAssertion(() => Assert.StartsWith("Revoked", cut.Find(".token-status[data-token='old-script']").TextContent, StringComparison.Ordinal));
        Assert.EndsWith($"by {PageHost.UserName}", cut.Find(".token-status[data-token='old-script']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button.revoke-token"));
        Assert.Equal("token revoked", (await Store.CheckAsync(secret!)).Failure);
        var audit = Assert.Single(await _host.Get<IAuditLog>().ListAsync("api-token.revoke"));
        Assert.Equal((PageHost.UserName, "old-script"), (audit.Actor, audit.Target));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
