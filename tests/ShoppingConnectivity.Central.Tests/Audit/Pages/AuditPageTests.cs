using Bunit;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Audit.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Audit.Pages;

/// <summary>The audit log page: newest first, filtered by text.</summary>
public sealed class AuditPageTests : IAsyncLifetime
{
    private readonly PageHost _host = new();

    [Fact]
    public async Task AuditPage_ListsChangesNewestFirstAndFilters()
    {
        var audit = _host.Get<IAuditLog>();
        await audit.RecordAsAsync("ann", "smtp.save", "smtp.contoso.example:25", "password changed");
        await audit.RecordAsAsync("bob", "agent.revoke", "web01");

        var page = _host.Context.Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(["bob", "ann"], page.FindAll("td.audit-actor").Select(c => c.TextContent.Trim())));
        page.Find(".audit-search input").Input("smtp");
        page.WaitForAssertion(() => Assert.Equal(["smtp.save"], page.FindAll("td.audit-action").Select(c => c.TextContent.Trim())));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
