using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.ApiTokens;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Central.Tests.Security;

namespace ShoppingConnectivity.Central.Tests.ApiTokens;

/// <summary>
/// Every endpoint of the running app called with a Viewer and an Operator token: the API for people answers as
/// <see cref="AccessRules"/> says for the token's role; pages, the Blazor hub and everything Admin-only treat the
/// caller as not signed in.
/// </summary>
public sealed class ApiTokenRouteTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task EveryEndpoint_ViewerAndOperatorToken_OnlyThePeoplesApiAsTheRoleAllows()
    {
        var store = _factory.Services.GetRequiredService<ApiTokenStore>();
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var role in ApiTokenStore.Roles)
        {
            var (_, token, _) = await store.CreateAsync("walk-" + role.ToLowerInvariant(), role, DateTimeOffset.UtcNow.AddDays(1), "admin-user");
            using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (route, method) in Endpoints())
            {
                var lowest = AccessRules.LowestRole(route);
                if (lowest is null) continue;
                using var request = new HttpRequestMessage(new HttpMethod(method), Path(route));
                if (method != "GET") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                checkedCount++;
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.ToString() ?? "";
                var api = route.StartsWith("/api/", StringComparison.Ordinal);
                string? verdict;
                if (!api)
                {
                    verdict = status == 401 || (status == 302 && location.Contains("/account/login", StringComparison.Ordinal)) ? null : $"should be refused as not signed in, got {status} {location}";
                }
                else if (CentralRoles.Rank(role) >= CentralRoles.Rank(lowest))
                {
                    verdict = status is 401 or 403 or >= 500 ? $"should be allowed, got {status}" : null;
                }
                else
                {
                    verdict = status == 403 ? null : $"should be 403, got {status}";
                }

                if (verdict is not null) failures.Add($"{method} {route} with a {role} token: {verdict}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} checks failed:\n" + string.Join("\n", failures));
        Assert.True(checkedCount > 20, $"only {checkedCount} checks");
    }

    private List<(string Route, string Method)> Endpoints() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e =>
            {
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                return ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), methods.Contains("GET") ? "GET" : methods[0]);
            })
            .Where(e => !AccessRules.IsStaticAsset(e.Item1))
            .Distinct()
            .ToList();

    private static string Path(string route) =>
        Regex.Replace(route, @"\{\*{0,2}([A-Za-z]+)([^}]*)\}", m => m.Groups[2].Value switch
        {
            ":int" or ":long" => "404",
            ":guid" => Guid.Empty.ToString(),
            _ => m.Groups[1].Value.ToLowerInvariant() == "flowid" ? "website-shoppingdb-sql" : "web01",
        });

    public void Dispose() => _factory.Dispose();
}
