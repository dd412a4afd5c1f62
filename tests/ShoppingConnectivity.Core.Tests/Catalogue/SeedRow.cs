using System.Text.RegularExpressions;

namespace ShoppingConnectivity.Core.Tests.Catalogue;

/// <summary>One row of a port table of the source document.</summary>
public sealed record SeedRow(string Table, int Row, string Port, string Traffic, string Notes, string Configurable)
{
    /// <summary>
    /// Every number written as a word of the Port column ("TCP 636 and 3269 (LDAPS)" gives 636 and 3269;
    /// the 3 of "POP3" is part of a name, not a port).
    /// </summary>
    public IReadOnlyList<int> PortNumbers =>
        Regex.Matches(Port, @"\b\d+\b").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public override string ToString() => $"{Table} row {Row} ({Port})";
}
