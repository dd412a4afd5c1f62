using System.Globalization;

namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>One alert's page: the alert the URL names (or that it names none), the links it names, the note being typed.</summary>
public sealed class AlertPageModel
{
    private const string MoreSeparator = " and ";

    /// <summary>The alert shown; null while loading or when the URL names none.</summary>
    public AlertView? Alert { get; private set; }

    /// <summary>The id of the URL when it names no stored alert (not a number, or no such alert); null: found or loading.</summary>
    public string? Missing { get; private set; }

    public string? Note { get; set; }

    /// <summary>Why the last acknowledgement was refused; null: it was not.</summary>
    public string? Error { get; set; }

    /// <summary>An Operator or Admin; a Viewer reads the alert only.</summary>
    public bool CanAct { get; set; }

    public bool CanAcknowledge => CanAct && Alert is { IsOpen: true, AcknowledgedAt: null };

    /// <summary>The broken links the alert names ("web01 -> db01:1433"), the last one "and N more" when there were more.</summary>
    public IReadOnlyList<string> Links => LinksOf(Alert?.Hosts);

    /// <summary>The alert's id from the URL; null when it is not one (then no alert is looked up).</summary>
    public static long? ParseId(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>What was found for the URL's <paramref name="id"/>.</summary>
    public void Show(string id, AlertView? alert)
    {
        Alert = alert;
        Missing = alert is null ? id : null;
    }

    /// <summary>The acknowledgement went through: its note is done with.</summary>
    public void Acknowledged() => Note = null;

    /// <summary>
    /// A line of <see cref="Links"/> as its two hosts and port ("web01 → db01:1433", or "->" as alerts stored before
    /// the arrow changed); null for "and 13 more".
    /// </summary>
    public static (string Source, string Target, string Port)? PartsOf(string link)
    {
        var (arrow, width) = link.IndexOf(" \u2192 ", StringComparison.Ordinal) is >= 0 and var a ? (a, 3) : (link.IndexOf(" -> ", StringComparison.Ordinal), 4);
        var colon = link.LastIndexOf(':');
        if (arrow <= 0 || colon < arrow + width) return null;
        return (link[..arrow], link[(arrow + width)..colon], link[(colon + 1)..]);
    }

    /// <summary>Splits the alert's host list ("a -> b:1, c -> d:2 and 3 more"): one line per link.</summary>
    public static IReadOnlyList<string> LinksOf(string? hosts)
    {
        if (string.IsNullOrWhiteSpace(hosts)) return [];
        var links = hosts.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var last = links[^1];
        var more = last.LastIndexOf(MoreSeparator, StringComparison.Ordinal);
        if (more > 0 && last.EndsWith(" more", StringComparison.Ordinal))
        {
            links[^1] = last[..more];
            links.Add(last[(more + 1)..]);
        }

        return links;
    }
}
