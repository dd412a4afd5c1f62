using System.Net.Http.Headers;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Components.Layout;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Components.Layout;

/// <summary>Light or dark: the system's by default, the reader's choice from the app bar, drawn by the server from its cookies.</summary>
public sealed class ThemeMenuTests : IAsyncLifetime
{
    private readonly PageHost _host = new();

    [Theory]
    [InlineData(null, null, "light")]
    [InlineData(null, "dark", "dark")]
    [InlineData("system", "dark", "dark")]
    [InlineData("light", "dark", "light")]
    [InlineData("dark", "light", "dark")]
    [InlineData("purple", "dark", "dark")]
    public async Task Pages_ThemeCookies_ServerDrawsThatThemeFromTheFirstPaint(string? choice, string? system, string expected)
    {
        using var client = await _host.Factory.SignInAsync(CentralRoles.Viewer, "theme-viewer");

        var html = await GetAsync(client, "/trends", choice, system);

        Assert.Contains($"data-theme=\"{expected}\"", html, StringComparison.Ordinal);
        Assert.Contains($"theme-{expected}", html, StringComparison.Ordinal);
        // MudBlazor's palette for it in the page's own style (dark: the near-black background), not only after the circuit starts.
        Assert.Equal(expected == "dark", html.Contains("--mud-palette-background: rgba(18,18,18,1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThemeMenu_ChooseDark_RememberedThroughTheScriptAndDarkAtOnce()
    {
        var theme = _host.Context.Services.GetRequiredService<UserTheme>();
        theme.Use(null, "light");
        var choose = _host.Context.JSInterop.SetupVoid("scTheme.choose", "dark");
        choose.SetVoidResult();
        var popover = _host.Context.Render<MudPopoverProvider>();
        var menu = _host.Context.Render<ThemeMenu>();
        Assert.Equal("Theme: light (the system's); change", menu.Find(".theme-menu button").GetAttribute("aria-label"));

        await menu.Find(".theme-menu button").ClickAsync(new());
        popover.WaitForAssertion(() => Assert.Contains("System's (light)", popover.Find(".theme-choice-system").TextContent, StringComparison.Ordinal));
        await popover.Find(".theme-choice-dark").ClickAsync(new());

        menu.WaitForAssertion(() => Assert.True(theme.IsDark));
        Assert.Single(choose.Invocations);
        Assert.Equal(UserTheme.Dark, theme.Choice);
        menu.WaitForAssertion(() => Assert.Equal("Theme: dark; change", menu.Find(".theme-menu button").GetAttribute("aria-label")));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<string> GetAsync(HttpClient client, string path, string? choice, string? system)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var cookies = new List<string>();
        if (choice is not null) cookies.Add($"{ThemeCookie.Choice}={choice}");
        if (system is not null) cookies.Add($"{ThemeCookie.SystemScheme}={system}");
        if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return html;
    }
}
