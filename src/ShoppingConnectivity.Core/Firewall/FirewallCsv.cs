using System.Globalization;

namespace ShoppingConnectivity.Core.Firewall;

/// <summary>
/// A firewall change request as CSV (RFC 4180), one row per opening, for the network team's ticket. The Port column
/// holds a range ("49152-65535") on the dynamic RPC row of a WMI/DCOM flow.
/// </summary>
public static class FirewallCsv
{
    public static readonly string[] Header =
        ["Source", "Source address", "Destination", "Destination address", "Port", "Protocol", "Flow", "Purpose"];

    public static string Write(IEnumerable<FirewallRule> rules)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, rules);
        return text.ToString();
    }

    /// <summary>Writes row by row, so a big estate's request (about 19 MB for 10,000 hosts) is never held whole.</summary>
    public static void Write(TextWriter csv, IEnumerable<FirewallRule> rules)
    {
        WriteRow(csv, Header);
        foreach (var r in rules)
        {
            WriteRow(csv, [
                r.SourceHost, r.FromClients ? $"{r.SourceAddress} (any client)" : r.SourceAddress,
                r.TargetHost, r.TargetAddress, r.Ports, r.Protocol, r.FlowId, r.Purpose]);
        }
    }

    private static void WriteRow(TextWriter csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) csv.Write(',');
            csv.Write(Field(fields[i]));
        }

        csv.Write("\r\n");
    }

    /// <summary>
    /// Quotes fields with separators, quotes or line breaks; a field a spreadsheet would run as a formula
    /// (=, +, -, @ first) gets a leading apostrophe, since an address is free text in the estate.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
