using Bunit;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class MaintenancePageTests : IAsyncLifetime
{
    private readonly PageHost _host = new();

    [Fact]
    public async Task Page_AddAdHocWindow_ShowsItActiveAndStoresIt()
    {
        var page = _host.Context.Render<MaintenancePage>();
        page.ChangeOn(".maintenance-reason input", "firewall upgrade");
        page.ChangeOn(".maintenance-minutes input", "90");

        page.ClickOn("button.maintenance-add");

        page.WaitForAssertion(() => Assert.Equal("true", page.Find(".maintenance-window").GetAttribute("data-active")));
        var window = Assert.Single(await _host.Get<MaintenanceStore>().ListAsync());
        Assert.Equal((MaintenanceScope.Estate, "firewall upgrade", TimeSpan.FromMinutes(90)), (window.Scope, window.Reason, window.End - window.Start));

        page.ClickOn("button.maintenance-remove");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".maintenance-window")));
        Assert.Empty(await _host.Get<MaintenanceStore>().ListAsync());
        var audit = await _host.Get<ShoppingConnectivity.Central.Audit.IAuditLog>().ListAsync("maintenance");
        Assert.Equal(["maintenance.remove", "maintenance.add"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(PageHost.UserName, a.Actor));
        Assert.Contains("firewall upgrade", audit[1].Details);
    }

    [Fact]
    public void Page_AddWithoutReasonOrValidStart_ListsTheProblems()
    {
        var page = _host.Context.Render<MaintenancePage>();
        page.ChangeOn(".maintenance-start input", "tomorrow");

        page.ClickOn("button.maintenance-add");

        page.WaitForAssertion(() => Assert.Contains("start: 'tomorrow' is not a time like 2026-11-25 22:00 (UTC).", page.Find(".maintenance-errors").TextContent));
        Assert.Empty(page.FindAll(".maintenance-window"));
    }

    [Fact]
    public async Task Store_HostWindowForUnknownHost_IsRefusedNamingTheField()
    {
        var now = DateTimeOffset.UtcNow;

        var (id, errors) = await _host.Get<MaintenanceStore>().AddAsync(new MaintenanceWindow(0, MaintenanceScope.Host, "nope01", "reboot", now, now.AddHours(1)));

        Assert.Null(id);
        Assert.Equal(["target: unknown host 'nope01' (a host of the estate)."], errors);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
