using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Components.Pages;

/// <summary>An address with no page behind it, as a browser and as an API client ask for it.</summary>
public sealed class StatusPageTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task UnknownAddress_SignedInBrowser_GetsAPageInTheShellWithAWayBack()
    {
        using var client = await _factory.SignInAsync(CentralRoles.Viewer);

        using var response = await client.SendAsync(Html("/no-such-page"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing here", html, StringComparison.Ordinal);
        Assert.Contains("There is no page at this address", html, StringComparison.Ordinal);
        Assert.Contains("Back to the diagram", html, StringComparison.Ordinal);
        // The shell: the app bar with the pages a Viewer may open.
        Assert.Contains("Shopping Connectivity", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/trends\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_Stranger_IsAskedToSignInFirstThenGetsThePage()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.SendAsync(Html("/nowhere/at/all"));

        // Nothing about what exists before sign-in: every address asks for it, and comes back after it.
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fnowhere%2Fat%2Fall", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task ErrorPage_Stranger_ShowsNoPagesBehindSignIn()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var html = await client.GetStringAsync("/not-found");

        Assert.Contains("Nothing here", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/trends\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/edges/no-such-flow/nothing")]
    public async Task UnknownApiAddress_KeepsProblemJson(string path)
    {
        using var client = await _factory.SignInAsync(CentralRoles.Viewer);

        using var response = await client.SendAsync(Html(path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>As a browser asks: for HTML first.</summary>
    private static HttpRequestMessage Html(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }
}
