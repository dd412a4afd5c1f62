using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ShoppingConnectivity.Central.Components.Layout;

/// <summary>
/// One page in the app bar. The wide bar's buttons and the narrow screen's menu are drawn from the same list, so a
/// page added here appears in both. Who sees an item is read from its page's own [Authorize] policy, so the bar never
/// offers a user a page that would answer "Not allowed".
/// </summary>
public sealed record NavItem(string Href, string Label, string Icon)
{
    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("/", "Diagram", Icons.Material.Filled.AccountTree),
        new("/agents", "Agents", Icons.Material.Filled.Dns),
        new("/alerts", "Alerts", Icons.Material.Filled.NotificationsActive),
        new("/settings/smtp", "SMTP", Icons.Material.Filled.Settings),
        new("/trends", "Trends", Icons.Material.Filled.ShowChart),
        new("/replay", "Replay", Icons.Material.Filled.History),
        new("/availability", "Availability", Icons.Material.Filled.Assessment),
        new("/estate", "Estate", Icons.Material.Filled.Apartment),
        new("/enrolment-keys", "Enrolment keys", Icons.Material.Filled.Key),
        new("/settings/api-tokens", "API tokens", Icons.Material.Filled.VpnKey),
        new("/api/v1/edges", "API", Icons.Material.Filled.DataObject),
        new("/admin/users", "Users", Icons.Material.Filled.People),
        new("/admin/audit", "Audit", Icons.Material.Filled.Policy),
    ];

    /// <summary>The policy of the page at <see cref="Href"/>; null for what is not a page (the API: any signed-in user).</summary>
    public string? Policy => PagePolicies.GetValueOrDefault(Href);

    /// <summary>Each routed page's template and the policy its [Authorize] names, read once from the assembly.</summary>
    private static readonly Dictionary<string, string?> PagePolicies = typeof(NavItem).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t.GetCustomAttribute<AuthorizeAttribute>()?.Policy)))
        .GroupBy(p => p.Template, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Policy, StringComparer.OrdinalIgnoreCase);
}
