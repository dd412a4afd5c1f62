namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>One recipient list as the SMTP page shows it: for whom (everyone else, a flow, a role), who, and where it is set.</summary>
public sealed record RecipientRow(string Scope, string Addresses, string Source)
{
    public static IReadOnlyList<RecipientRow> From(RecipientOptions recipients, IConfiguration configuration)
    {
        var section = $"{AlertOptions.Section}:{nameof(AlertOptions.Recipients)}";
        var rows = new List<RecipientRow>();
        var defaultKey = $"{section}:{nameof(RecipientOptions.Default)}";
        // Always shown: with no default list, mail for every other edge waits as "no recipients", which ops must see.
        rows.Add(recipients.Default.Count > 0
            ? Row("Every flow without its own list", recipients.Default, defaultKey, configuration)
            : new RecipientRow("Every flow without its own list", "nobody: their alert mail waits as \"no recipients\"", $"{defaultKey}: not set"));
        rows.AddRange(recipients.Flows.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => Row($"Flow {f.Key}", f.Value, $"{section}:{nameof(RecipientOptions.Flows)}:{f.Key}", configuration)));
        rows.AddRange(recipients.Roles.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => Row($"Role {r.Key}", r.Value, $"{section}:{nameof(RecipientOptions.Roles)}:{r.Key}", configuration)));
        return rows;
    }

    private static RecipientRow Row(string scope, IReadOnlyList<string> addresses, string key, IConfiguration configuration) =>
        new(scope, string.Join(", ", addresses), $"{key}: {SettingSources.Describe(configuration, key + ":0") ?? "settings"}");
}
