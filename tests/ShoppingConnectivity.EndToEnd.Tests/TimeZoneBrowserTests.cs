using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Times in the reader's zone in a real chromium with its own zone: the browser's by default, named; a choice of UTC
/// is kept with the user, so another browser in another zone shows UTC too.
/// </summary>
public sealed class TimeZoneBrowserTests
{
    private const string AdminRow = "tr:has(.user-name[data-user='e2e-admin'])";

    [Fact]
    public async Task TimeZone_BrowserZoneThenUtcChosen_EveryTimeFollowsAndTheChoiceTravelsWithTheUser()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        await using var browser = await BrowserSession.LaunchAsync();

        var kolkata = await central.NewSignedInPageAsync(browser.Chromium, new BrowserNewPageOptions
        {
            TimezoneId = "Asia/Kolkata",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        // The first visit sets the zone cookie and loads once more to render in it.
        await kolkata.GotoAsync(central.Url + "/admin/users");
        await Assertions.Expect(kolkata.Locator(".time-zone-menu")).ToHaveAttributeAsync("title", "Times in Asia/Kolkata (UTC+5:30)");
        await Assertions.Expect(kolkata.Locator(".time-zone-menu button").First).ToHaveTextAsync("UTC+5:30");
        await Assertions.Expect(kolkata.Locator($"{AdminRow} td[data-label='Last sign-in']")).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC\+5:30$"));
        await BrowserSession.WaitForCircuitAsync(kolkata);

        await kolkata.Locator(".time-zone-menu button").First.ClickAsync();
        await kolkata.Locator(".time-zone-utc").ClickAsync();

        // The page reloads: every time, and the menu, in UTC now.
        await Assertions.Expect(kolkata.Locator(".time-zone-menu")).ToHaveAttributeAsync("title", "Times in UTC");
        await Assertions.Expect(kolkata.Locator($"{AdminRow} td[data-label='Last sign-in']")).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$"));
        await BrowserSession.SaveScreenshotAsync(kolkata, "time-zone-utc-chosen.png", fullPage: false);
        // An Admin's whole menu, the zone and the user fit a laptop's bar: no menu item scrolled out of sight.
        var hidden = await kolkata.EvaluateAsync<int>("() => { const n = document.querySelector('nav.main-nav'); return n.scrollWidth - n.clientWidth; }");
        Assert.True(hidden <= 0, $"the main menu needs {hidden} px more than the 1280 px bar leaves it");

        // The same user in a browser on the other side of the world: the choice is the user's, not the browser's.
        var angeles = await central.NewSignedInPageAsync(browser.Chromium, new BrowserNewPageOptions
        {
            TimezoneId = "America/Los_Angeles",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        await angeles.GotoAsync(central.Url + "/admin/users");
        await BrowserSession.WaitForCircuitAsync(angeles);
        await Assertions.Expect(angeles.Locator(".time-zone-menu")).ToHaveAttributeAsync("title", "Times in UTC");

        // Back to the browser's zone from the phone: its own zone, named with its offset today.
        await angeles.Locator(".time-zone-menu button").First.ClickAsync();
        await Assertions.Expect(angeles.Locator(".time-zone-browser")).ToContainTextAsync("America/Los_Angeles");
        await angeles.Locator(".time-zone-browser").ClickAsync();
        await Assertions.Expect(angeles.Locator(".time-zone-menu")).ToHaveAttributeAsync("title", new Regex(@"^Times in America/Los_Angeles \(UTC-[78]\)$"));

        // The app bar still fits a phone: nothing sticks out sideways.
        var overflow = await angeles.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a 390 px phone");
        await BrowserSession.SaveScreenshotAsync(angeles, "time-zone-phone.png", fullPage: false);
    }
}
