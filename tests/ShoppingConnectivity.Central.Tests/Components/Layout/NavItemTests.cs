using System.Net;
using ShoppingConnectivity.Central.Components.Layout;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Components.Layout;

/// <summary>The app bar offers each user only the pages their role opens.</summary>
public sealed class NavItemTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    [Fact]
    public void Policy_OfEachPageItem_IsItsPagesOwn()
    {
        Assert.Equal(CentralPolicies.Admin, NavItem.All.Single(i => i.Href == "/estate").Policy);
        Assert.Equal(CentralPolicies.Admin, NavItem.All.Single(i => i.Href == "/enrolment-keys").Policy);
        Assert.Equal(CentralPolicies.Admin, NavItem.All.Single(i => i.Href == "/settings/api-tokens").Policy);
        // Viewers read the alerts (issue 18, point 1); Operators act on them.
        Assert.Equal(CentralPolicies.Viewer, NavItem.All.Single(i => i.Href == "/alerts").Policy);
        Assert.Equal(CentralPolicies.Viewer, NavItem.All.Single(i => i.Href == "/trends").Policy);
        // Not a page: any signed-in user.
        Assert.Null(NavItem.All.Single(i => i.Href == "/api/v1/edges").Policy);
    }

    [Theory]
    [InlineData(CentralRoles.Viewer, new[] { "/", "/alerts", "/trends", "/replay", "/availability", "/api/v1/edges" })]
    [InlineData(CentralRoles.Operator, new[] { "/", "/alerts", "/trends", "/replay", "/availability", "/api/v1/edges" })]
    [InlineData(CentralRoles.Admin, new[] { "/", "/agents", "/alerts", "/settings/smtp", "/trends", "/replay", "/availability", "/estate", "/enrolment-keys", "/settings/api-tokens", "/api/v1/edges", "/admin/users", "/admin/audit" })]
    public async Task AppBar_EachRole_OffersOnlyPagesItMayOpen(string role, string[] expected)
    {
        using var client = await _factory.SignInAsync(role);

        var html = await client.GetStringAsync("/trends");
        var offered = NavItem.All.Where(i => html.Contains($"href=\"{i.Href}\"", StringComparison.Ordinal)).Select(i => i.Href).ToList();

        Assert.Equal(expected, offered);
        // And each opens for that role, not "Not allowed".
        foreach (var href in offered)
        {
            using var response = await client.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK && !response.RequestMessage!.RequestUri!.AbsolutePath.Contains("access-denied", StringComparison.Ordinal),
                $"{role}: {href} answered {(int)response.StatusCode} at {response.RequestMessage!.RequestUri}");
        }
    }

    public void Dispose() => _factory.Dispose();
}
