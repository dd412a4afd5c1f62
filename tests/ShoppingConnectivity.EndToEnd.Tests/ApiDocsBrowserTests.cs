using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Scalar's page over the OpenAPI document in a real browser: it runs under central's CSP (its start-up script by the
/// answer's nonce, the rest from central itself, no font from the internet) and shows the document's operations.
/// </summary>
public sealed class ApiDocsBrowserTests
{
    [Fact]
    public async Task ApiDocs_SignedIn_ShowsTheOperationsWithoutCspViolations()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(central);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        var foreign = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith(central.Url, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) foreign.Add(request.Url); };

        await page.GotoAsync(central.Url + "/api-docs");

        // The document's title and its areas, rendered by Scalar from /openapi/v1.json.
        await Assertions.Expect(page.GetByText("Shopping Connectivity central").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await BrowserSession.SaveScreenshotAsync(page, "api-docs.png", fullPage: false);
        var sidebar = page.GetByRole(AriaRole.Complementary);
        foreach (var tag in new[] { "Read", "History", "Estate", "Agent" })
        {
            await Assertions.Expect(sidebar.GetByText(tag, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        Assert.True(!errors.Any(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), "CSP violations:\n" + string.Join("\n", errors));
        Assert.True(foreign.Count == 0, "Requests outside central:\n" + string.Join("\n", foreign));
    }
}
