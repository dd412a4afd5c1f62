namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Mail addresses: per flow id, per role id (a flow's from and to roles), and the default list for the rest.</summary>
public sealed class RecipientOptions
{
    public List<string> Default { get; set; } = [];
    public Dictionary<string, List<string>> Flows { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> Roles { get; set; } = new(StringComparer.Ordinal);
}
