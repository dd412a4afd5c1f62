using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Security.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Security.Pages;

/// <summary>The users page on a real central's stores: every change audited as the signed-in admin.</summary>
public sealed class UsersPageTests : IAsyncLifetime
{
    private readonly PageHost _host = new();

    [Fact]
    public async Task UsersPage_CreateSetRoleResetDisable_ChangesTheUserAndAuditsEachAsTheSignedInAdmin()
    {
        var page = _host.Context.Render<UsersPage>();
        page.ChangeOn(".new-user-name input", "jane");
        page.ChangeOn(".new-user-password input", "janes-first-password");

        // Found and clicked in one renderer turn: the inputs' change may re-render the form between the two.
        await page.InvokeAsync(() => page.Find("button.new-user-create").Click());

        page.WaitForAssertion(() => Assert.Contains("User 'jane' created as Viewer.", page.Find(".users-done").TextContent));
        Assert.Contains(page.FindAll(".user-name"), u => u.TextContent == "jane");
        var client = _host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(client, "jane", "janes-first-password")).StatusCode);

        var users = _host.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserAdministration>();
        Row(page, "jane").QuerySelector(".user-new-password input")!.Input("janes-second-password"); // Immediate: updates on input
        await page.InvokeAsync(() => Row(page, "jane").QuerySelector("button.user-reset")!.Click());
        page.WaitForAssertion(() => Assert.Contains("Password of 'jane' reset", page.Find(".users-done").TextContent));
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(_host.Factory.CreateClient(new() { AllowAutoRedirect = false }), "jane", "janes-second-password")).StatusCode);

        await page.InvokeAsync(() => Row(page, "jane").QuerySelector("button.user-toggle")!.Click());
        page.WaitForAssertion(() => Assert.Contains("'jane' disabled.", page.Find(".users-done").TextContent));
        // The message comes before the list is read again: on a busy machine the row follows a moment later.
        page.WaitForAssertion(() => Assert.Equal("Disabled", page.FindAll("tr").Single(r => r.QuerySelector(".user-name")?.TextContent == "jane").QuerySelector(".user-status")!.TextContent.Trim()));

        // (MudSelect's popover is beyond bUnit: the role change goes through the same service the select calls.)
        Assert.Empty(await users.SetRoleAsync("jane", CentralRoles.Operator));
        Assert.Equal("Operator", (await users.ListAsync()).Single(u => u.UserName == "jane").Role);

        var audit = await _host.Get<IAuditLog>().ListAsync("jane");
        Assert.Equal(["user.role", "user.disable", "user.password-reset", "user.create"], audit.Select(a => a.Action));
        Assert.Equal([AuditLog.SystemActor, PageHost.UserName, PageHost.UserName, PageHost.UserName], audit.Select(a => a.Actor));
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains("janes-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsersPage_WeakPassword_NamesTheField()
    {
        var page = _host.Context.Render<UsersPage>();
        page.ChangeOn(".new-user-name input", "jane");
        page.ChangeOn(".new-user-password input", "short");

        // Found and clicked in one renderer turn: the inputs' change may re-render the form between the two.
        await page.InvokeAsync(() => page.Find("button.new-user-create").Click());

        page.WaitForAssertion(() => Assert.StartsWith("Password:", page.Find(".users-errors").TextContent.Trim()));
    }

    /// <summary>The user's table row as rendered now (each render replaces the elements).</summary>
    private static AngleSharp.Dom.IElement Row(IRenderedComponent<UsersPage> page, string user) =>
        page.FindAll("tr").Single(r => r.QuerySelector(".user-name")?.TextContent == user);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
