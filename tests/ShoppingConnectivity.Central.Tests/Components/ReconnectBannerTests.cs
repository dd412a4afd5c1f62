using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Components;

/// <summary>
/// The page shell every layout renders in: it carries the banner Blazor reports to, and Blazor starts from central's own
/// script (the CSP allows no inline script). What the banner does is the browser's part (ReconnectBrowserTests).
/// </summary>
public sealed class ReconnectBannerTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    [Theory]
    [InlineData("/")]
    [InlineData("/wall")]
    [InlineData("/?edge=central-activeefficiency-http")]
    public async Task App_DashboardAndWall_CarryTheBannerAndStartBlazorFromTheReconnectScript(string path)
    {
        var client = await _factory.SignInAsync();

        var html = await client.GetStringAsync(path);

        Assert.Contains("<div id=\"components-reconnect-modal\" class=\"central-away\" hidden", html);
        Assert.Contains("<script src=\"_framework/blazor.web.js\" autostart=\"false\"></script>", html);
        // After MudBlazor's script, which the interactive components need once Blazor starts.
        Assert.True(html.IndexOf("<script src=\"assets/reconnect.js\"></script>", StringComparison.Ordinal)
            > html.IndexOf("MudBlazor.min.js", StringComparison.Ordinal), "reconnect.js is missing or comes before MudBlazor's script");
        Assert.DoesNotContain("<script>", html); // no inline script: the CSP would refuse it
    }

    public void Dispose() => _factory.Dispose();
}
