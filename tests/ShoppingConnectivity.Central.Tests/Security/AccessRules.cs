using Microsoft.AspNetCore.Http;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>
/// Who may open what, written down independently of the code that enforces it: the tests compare every endpoint and
/// page of the running app against this. A new page under an Admin path is checked as Admin without any test change.
/// </summary>
public static class AccessRules
{
    /// <summary>Open without a person's sign-in (the agent API has its own bearer tokens).</summary>
    private static readonly string[] Anonymous =
    [
        "/account/login", "/account/setup", "/account/access-denied", "/account/logout", "/healthz",
        // What a person sees for an address with no page, signed in or not.
        "/not-found", "/error/{Status:int}",
        "/api/v1/agents/enrol", "/api/v1/agents/{id}/plan", "/api/v1/agents/{id}/results", "/api/v1/agents/{id}/requests",
        // Prometheus's scrape token, not a person's sign-in (MetricsEndpointTests).
        "/metrics",
    ];

    /// <summary>
    /// The OpenAPI document and Scalar's page over it (with its scripts): any signed-in Viewer, never anonymous (the
    /// document's ".json" would otherwise read as a public static file).
    /// </summary>
    public static readonly string[] ApiDocsRoutes = ["/openapi/{documentName}.json", "/api-docs/{documentName?}"];

    /// <summary>Routes Operators may call and Viewers may not (asking agents to probe now, acknowledging an alert).</summary>
    private static readonly string[] OperatorRoutes = ["/api/v1/test-now", "/api/v1/alerts/{id:long}/acknowledge"];

    private static readonly string[] AdminPrefixes = ["/admin", "/settings", "/agents", "/enrolment-keys", "/estate"];

    /// <summary>Viewers read the alert list and each alert (/alerts, /alerts/{id}); maintenance windows are Operators'.</summary>
    private static readonly string[] OperatorPrefixes = ["/alerts/maintenance"];

    /// <summary>Null: anyone; otherwise the lowest role that may open <paramref name="route"/> (a route template).</summary>
    public static string? LowestRole(string route)
    {
        route = "/" + route.TrimStart('/');
        if (ApiDocsRoutes.Contains(route, StringComparer.OrdinalIgnoreCase)) return CentralRoles.Viewer;
        if (Anonymous.Contains(route, StringComparer.OrdinalIgnoreCase) || IsStaticAsset(route)) return null;
        var path = new PathString(route);
        if (AdminPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))) return CentralRoles.Admin;
        if (OperatorPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))) return CentralRoles.Operator;
        if (OperatorRoutes.Contains(route.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)) return CentralRoles.Operator;
        return CentralRoles.Viewer;
    }

    /// <summary>Files (blazor.web.js, MudBlazor's css and js, their compressed forms): a last segment with an extension, outside the API.</summary>
    public static bool IsStaticAsset(string route) =>
        !route.StartsWith("/api/", StringComparison.Ordinal) && !route.Contains('{') && Path.HasExtension(route.Split('/')[^1]);

    /// <summary>Pages get the login or access-denied page; the API and the Blazor hub a bare status.</summary>
    public static bool IsPageRoute(string route) => SecurityExtensions.IsNavigation(new DefaultHttpContext { Request = { Path = "/" + route.TrimStart('/') } }.Request);
}
