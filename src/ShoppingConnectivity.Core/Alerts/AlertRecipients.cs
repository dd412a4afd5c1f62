using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// Who gets the mail: the lists of the flow and of its two roles; the default list when none of them has one.
/// </summary>
public sealed record AlertRecipients(
    IReadOnlyList<string> Default,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Flows,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Roles)
{
    public static AlertRecipients None { get; } = new([], new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Distinct addresses, sorted, so equal lists group into one mail.</summary>
    public IReadOnlyList<string> For(Flow flow)
    {
        var specific = new List<string>();
        if (Flows.TryGetValue(flow.Id, out var byFlow)) specific.AddRange(byFlow);
        if (Roles.TryGetValue(flow.From, out var byFrom)) specific.AddRange(byFrom);
        if (Roles.TryGetValue(flow.To, out var byTo)) specific.AddRange(byTo);
        var chosen = specific.Count > 0 ? specific : Default;
        return chosen.Select(a => a.Trim()).Where(a => a.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
