using MudBlazor;

namespace ShoppingConnectivity.Central.Components.Layout;

/// <summary>
/// One page in the app bar. The wide bar's buttons and the narrow screen's menu are drawn from the same list, so a
/// page added here appears in both.
/// </summary>
/// <param name="Policy">The policy a user needs to see it; null: every signed-in user.</param>
public sealed record NavItem(string Href, string Label, string Icon, string? Policy = null)
{
    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("/", "Diagram", Icons.Material.Filled.AccountTree),
        new("/agents", "Agents", Icons.Material.Filled.Dns, CentralPolicies.Admin),
        new("/alerts", "Alerts", Icons.Material.Filled.NotificationsActive, CentralPolicies.Operator),
        new("/settings/smtp", "SMTP", Icons.Material.Filled.Settings, CentralPolicies.Admin),
        new("/trends", "Trends", Icons.Material.Filled.ShowChart),
        new("/replay", "Replay", Icons.Material.Filled.History),
        new("/availability", "Availability", Icons.Material.Filled.Assessment),
        new("/estate", "Estate", Icons.Material.Filled.Apartment),
        new("/enrolment-keys", "Enrolment keys", Icons.Material.Filled.Key),
        new("/api/v1/edges", "API", Icons.Material.Filled.DataObject),
        new("/admin/users", "Users", Icons.Material.Filled.People, CentralPolicies.Admin),
        new("/admin/audit", "Audit", Icons.Material.Filled.Policy, CentralPolicies.Admin),
    ];
}
