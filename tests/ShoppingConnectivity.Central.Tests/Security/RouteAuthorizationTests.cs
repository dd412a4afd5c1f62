using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>
/// Walks every endpoint the running app has (pages, APIs, the Blazor hub, static files), read from its
/// EndpointDataSource so a new page or endpoint is covered without touching this test, as anonymous and as each role,
/// and checks each is allowed or denied as <see cref="AccessRules"/> says.
/// </summary>
public sealed class RouteAuthorizationTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task EveryEndpoint_AnonymousAndEachRole_AllowedOrDeniedAsTheRulesSay()
    {
        var agent = await AgentApi.EnrolAsync(_factory.CreateClient());
        var identities = new List<(string Name, string? Role, HttpClient Client)>
        {
            ("anonymous", null, _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })),
        };
        foreach (var role in CentralRoles.All) identities.Add((role, role, await _factory.SignInAsync(role)));

        var endpoints = Endpoints();
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (route, method, form) in endpoints)
        {
            var lowest = AccessRules.LowestRole(route);
            foreach (var (name, role, client) in identities)
            {
                // Anyone may open a public endpoint: checking it as anonymous says all.
                if (lowest is null && role is not null) continue;
                var allowed = lowest is null || CentralRoles.Rank(role) >= CentralRoles.Rank(lowest);
                using var request = Request(method, route, agent.Token, form);
                using var response = await client.SendAsync(request);
                checkedCount++;
                var verdict = Verdict(route, response, allowed, role is null);
                if (verdict is not null) failures.Add($"{method} {route} as {name}: {verdict}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} checks failed:\n" + string.Join("\n", failures));
        // Not vacuous: every page the assembly declares, the API and the hub were among them.
        var routes = endpoints.Select(e => e.Route).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(PageRoutes().Select(p => p.Route), r => Assert.Contains(r, routes));
        Assert.Contains("/api/v1/edges", routes);
        Assert.Contains("/api/v1/agents/{id}/results", routes);
        Assert.Contains(routes, r => r.StartsWith("/_blazor", StringComparison.Ordinal));
        Assert.All(AccessRules.ApiDocsRoutes, r => Assert.Contains(r, routes));
        Assert.Contains(routes, AccessRules.IsStaticAsset);
    }

    /// <summary>
    /// Interactive navigation never reaches the endpoints: the router checks the page type's own [Authorize], which
    /// comes from its folder's _Imports.razor. Every page must carry the policy of its routes.
    /// </summary>
    [Fact]
    public void EveryPage_CarriesThePolicyOfItsRoutes()
    {
        var pages = PageRoutes();
        Assert.NotEmpty(pages);
        Assert.All(pages, page =>
        {
            var lowest = AccessRules.LowestRole(page.Route);
            if (lowest is null)
            {
                Assert.True(page.Type.GetCustomAttributes<AllowAnonymousAttribute>(true).Any(), $"{page.Type.Name} ({page.Route}) should allow anonymous access.");
                return;
            }

            var policies = page.Type.GetCustomAttributes<AuthorizeAttribute>(true).Select(a => a.Policy).ToList();
            Assert.True(policies.Contains(lowest), $"{page.Type.Name} ({page.Route}) should require policy {lowest}; it has [{string.Join(", ", policies)}]. Add it to its folder's _Imports.razor.");
            Assert.DoesNotContain(policies, p => CentralRoles.Rank(p) > CentralRoles.Rank(lowest));
        });
    }

    private List<(string Route, string Method, bool Form)> Endpoints()
    {
        var source = _factory.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Select(e =>
            {
                var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var method = methods.Contains("GET") ? "GET" : methods[0];
                // An endpoint that takes a form gets a form (without its antiforgery token): anything else it would refuse with 415 first.
                var form = e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes
                    .Any(t => t.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)) == true;
                return ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), method, form);
            })
            .Distinct()
            .OrderBy(e => e.Item1, StringComparer.Ordinal)
            .ToList();
    }

    private static List<(string Route, Type Type)> PageRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t)))
            .ToList();

    /// <summary>Route values that exist in the test estate, so an allowed request reaches the page or endpoint itself.</summary>
    private static HttpRequestMessage Request(string method, string route, string agentToken, bool form)
    {
        var path = Regex.Replace(route, @"\{\*{0,2}([A-Za-z]+)([^}]*)\}", m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            _ when m.Groups[2].Value is ":int" or ":long" => "404",
            _ when m.Groups[2].Value == ":guid" => Guid.Empty.ToString(),
            "id" or "name" or "host" => "web01",
            "flowid" => "website-shoppingdb-sql",
            _ => "x",
        });
        // The agents' long-poll answers at once rather than after its usual wait.
        if (route.EndsWith("/requests", StringComparison.Ordinal)) path += "?wait=0";
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (route.StartsWith("/api/v1/agents/", StringComparison.Ordinal))
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", agentToken);
        if (method != "GET")
            request.Content = form ? new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }) : new StringContent("{}", Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>Null when the answer is what the rules expect, else what is wrong.</summary>
    private static string? Verdict(string route, HttpResponseMessage response, bool allowed, bool anonymous)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        // A challenge names where to come back to (the logout's own redirect to the login page does not).
        var toLogin = status == 302 && location.Contains("/account/login?ReturnUrl=", StringComparison.OrdinalIgnoreCase);
        var toDenied = status == 302 && location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase);
        if (allowed)
        {
            if (status is 401 or 403 || toLogin || toDenied) return $"should be allowed, got {status} {location}";
            if (status >= 500) return $"allowed, but answered {status}";
            return null;
        }

        if (AccessRules.IsPageRoute(route))
        {
            return anonymous
                ? toLogin ? null : $"should redirect to the login page, got {status} {location}"
                : toDenied ? null : $"should redirect to access denied, got {status} {location}";
        }

        var expected = anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        return response.StatusCode == expected ? null : $"should be {(int)expected}, got {status} {location}";
    }

    public void Dispose() => _factory.Dispose();
}
