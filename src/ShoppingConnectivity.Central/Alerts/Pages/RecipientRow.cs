namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>One recipient list as the SMTP page shows it: for whom (everyone else, a flow, a role), who, and where it is set.</summary>
public sealed record RecipientRow(string Scope, string Addresses, string Source)
{
    public static IReadOnlyList<RecipientRow> From(RecipientOptions recipients, IConfiguration configuration)
    {
        var section = $"{AlertOptions.Section}:{nameof(AlertOptions.Recipients)}";
        var rows = new List<RecipientRow>();
        if (recipients.Default.Count > 0)
            rows.Add(Row("Every flow without its own list", recipients.Default, $"{section}:{nameof(RecipientOptions.Default)}", configuration));
        rows.AddRange(recipients.Flows.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => Row($"Flow {f.Key}", f.Value, $"{section}:{nameof(RecipientOptions.Flows)}:{f.Key}", configuration)));
        rows.AddRange(recipients.Roles.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => Row($"Role {r.Key}", r.Value, $"{section}:{nameof(RecipientOptions.Roles)}:{r.Key}", configuration)));
        return rows;
    }

    private static RecipientRow Row(string scope, IReadOnlyList<string> addresses, string key, IConfiguration configuration) =>
        new(scope, string.Join(", ", addresses), $"{key}: {SettingSources.Describe(configuration, key + ":0") ?? "settings"}");
}
