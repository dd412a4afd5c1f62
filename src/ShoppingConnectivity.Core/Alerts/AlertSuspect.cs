namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// The host an alert's links point at, read from the links it names ("web01 → db01:1433, web02 → db01:1433"): the
/// target every link shares (the host they cannot reach), else the source every link shares (the host that reaches
/// nothing); none when the links share no host.
/// </summary>
public static class AlertSuspect
{
    /// <summary>The blamed host of the links list stored with an alert; null when there is none to blame.</summary>
    public static string? Of(string? links)
    {
        if (string.IsNullOrWhiteSpace(links)) return null;
        var parts = new List<(string Source, string Target)>();
        foreach (var raw in links.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "... and 3 more" closes the list: the links not listed are not known.
            var link = raw.IndexOf(" and ", StringComparison.Ordinal) is > 0 and var more && raw.EndsWith(" more", StringComparison.Ordinal) ? raw[..more] : raw;
            var (arrow, width) = link.IndexOf(" \u2192 ", StringComparison.Ordinal) is >= 0 and var a ? (a, 3) : (link.IndexOf(" -> ", StringComparison.Ordinal), 4);
            if (arrow <= 0) continue;
            var target = link[(arrow + width)..];
            var end = target.IndexOfAny([':', ' ']);
            parts.Add((link[..arrow], end > 0 ? target[..end] : target));
        }

        if (parts.Count == 0) return null;
        if (parts.All(p => string.Equals(p.Target, parts[0].Target, StringComparison.OrdinalIgnoreCase))) return parts[0].Target;
        return parts.All(p => string.Equals(p.Source, parts[0].Source, StringComparison.OrdinalIgnoreCase)) ? parts[0].Source : null;
    }
}
