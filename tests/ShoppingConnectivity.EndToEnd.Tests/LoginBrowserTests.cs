using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>A person signs in and out of a real central in Debian's chromium; the security headers break nothing.</summary>
public sealed class LoginBrowserTests
{
    [Fact]
    public async Task Login_ThroughTheForm_OpensThePageAskedForAndSignOutEndsTheSession()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(width: 1280, height: 900);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") refused.Add(message.Text);
        };

        await page.GotoAsync(central.Url + "/trends");

        Assert.StartsWith(central.Url + "/account/login?ReturnUrl=%2Ftrends", page.Url);
        await page.Locator("#username").FillAsync(Central.AdminUser);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(
            "Sign-in failed: the user name or password is wrong, or the account cannot sign in now.");
        await Assertions.Expect(page.Locator("#password")).ToHaveValueAsync("");
        await BrowserSession.SaveScreenshotAsync(page, "login-wrong-password.png");
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.All(v => v.Impact is not ("serious" or "critical")),
            "login page: " + string.Join("; ", axe.Violations.Select(v => $"{v.Id} ({v.Impact})")));

        await page.Locator("#username").FillAsync(Central.AdminUser);
        await page.Locator("#password").FillAsync(Central.AdminPassword);
        await page.Locator("#sign-in").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(central.Url + "/trends");
        await Assertions.Expect(page.Locator(".signed-in-user")).ToContainTextAsync($"{Central.AdminUser} (Admin)");
        // The circuit comes up under the CSP: interactive navigation works.
        await BrowserSession.WaitForCircuitAsync(page);
        await page.Locator("nav[aria-label='Main'] a[href='/admin/users']").ClickAsync();
        await Assertions.Expect(page.Locator("#users-title")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".user-name[data-user='e2e-admin']")).ToBeVisibleAsync();
        await BrowserSession.SaveScreenshotAsync(page, "users-page.png");

        await page.Locator("button.sign-out").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(central.Url + "/account/login");
        await page.GotoAsync(central.Url + "/");
        Assert.StartsWith(central.Url + "/account/login", page.Url);
        Assert.True(refused.All(m => !m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)),
            "the browser refused something under the CSP:\n" + string.Join("\n", refused));
    }
}
