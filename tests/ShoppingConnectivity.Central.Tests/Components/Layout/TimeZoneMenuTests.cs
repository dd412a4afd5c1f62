using System.Net.Http.Headers;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Components.Layout;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Components.Layout;

/// <summary>Times show in the reader's zone, named; the zone is their browser's until they choose, and the choice is theirs everywhere.</summary>
public sealed class TimeZoneMenuTests : IAsyncLifetime
{
    private readonly PageHost _host = new();

    [Fact]
    public async Task Pages_BrowserZoneThenUserChoice_EveryTimeInThatZoneNamed()
    {
        using var client = await _host.Factory.SignInAsync(CentralRoles.Admin, "tz-admin");
        await _host.Get<IAuditLog>().RecordAsAsync("tz-admin", "smtp.save", "smtp.contoso.example:25");

        // The browser said Kolkata (assets/time-zone.js): the page renders there from the server's first paint.
        var html = await GetAsync(client, "/admin/audit", "Asia/Kolkata");
        Assert.Contains("UTC+5:30</td>", html, StringComparison.Ordinal);
        Assert.Contains("Asia/Kolkata (UTC+5:30)", html, StringComparison.Ordinal);

        // Chosen UTC: the same browser now reads UTC.
        Assert.Null(await _host.Get<TimeZonePreferences>().SetAsync("tz-admin", DisplayZone.Utc));
        html = await GetAsync(client, "/admin/audit", "Asia/Kolkata");
        Assert.DoesNotContain("UTC+5:30", html, StringComparison.Ordinal);
        Assert.Contains(" UTC</td>", html, StringComparison.Ordinal);

        // Another browser of the same person, in another zone: still their choice.
        using var other = await _host.Factory.SignInAsync(CentralRoles.Admin, "tz-admin");
        html = await GetAsync(other, "/admin/audit", "America/New_York");
        Assert.DoesNotContain("UTC-5", html, StringComparison.Ordinal);
        Assert.Contains(" UTC</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_BrowserZoneUnknownHere_UtcNamedUtc()
    {
        using var client = await _host.Factory.SignInAsync(CentralRoles.Admin, "tz-admin");
        await _host.Get<IAuditLog>().RecordAsAsync("tz-admin", "smtp.save", "smtp.contoso.example:25");

        var html = await GetAsync(client, "/admin/audit", "Mars/Olympus_Mons");

        Assert.Contains(" UTC</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeZoneMenu_ChooseUtc_StoredForTheUserAndPageReloaded()
    {
        await _host.Factory.EnsureUserAsync(PageHost.UserName, CentralRoles.Admin);
        _host.Context.Services.GetRequiredService<UserTimeZone>().Use(null, "Asia/Tokyo");
        var popover = _host.Context.Render<MudPopoverProvider>();
        var menu = _host.Context.Render<TimeZoneMenu>();
        // The bar shows the offset; the zone's name is the button's title and in the menu.
        Assert.Equal("UTC+9", menu.Find(".time-zone-menu button").TextContent.Trim());
        Assert.Equal("Times in Asia/Tokyo (UTC+9)", menu.Find(".time-zone-menu").GetAttribute("title"));

        await menu.Find(".time-zone-menu button").ClickAsync(new());
        popover.WaitForAssertion(() => Assert.Contains("Browser's zone (Asia/Tokyo)", popover.Find(".time-zone-browser").TextContent, StringComparison.Ordinal));
        await popover.Find(".time-zone-utc").ClickAsync(new());

        var navigation = (BunitNavigationManager)_host.Context.Services.GetRequiredService<NavigationManager>();
        menu.WaitForAssertion(() => Assert.True(navigation.History.Single().Options.ForceLoad));
        Assert.Equal("UTC", _host.Get<TimeZonePreferences>().Get(PageHost.UserName));
    }

    private static async Task<string> GetAsync(HttpClient client, string path, string browserZone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{TimeZoneCookie.Name}={Uri.EscapeDataString(browserZone)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return System.Net.WebUtility.HtmlDecode(html);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
