using System.Text.RegularExpressions;

namespace ShoppingConnectivity.Core.Tests.Catalogue;

/// <summary>
/// Reads the seed document (communication-ports.txt) independently of the catalogue:
/// five tables, each under a "Ports used by ..." heading, rows as tab-separated lines.
/// </summary>
public static class SeedDocument
{
    public const string RelativePath = "seed/communication-ports.txt";

    /// <summary>Heading text -> table id used by the catalogue's seed references.</summary>
    public static readonly IReadOnlyList<(string Heading, string Table)> Tables =
    [
        ("Ports used by the Shopping Website", "Website"),
        ("Ports used by the Shopping Central Service", "CentralService"),
        ("Ports used by the Shopping Admin Console", "AdminConsole"),
        ("Ports used by the Shopping receiver", "Receiver"),
        ("Ports used by Shopping clients", "Clients"),
    ];

    private static readonly Lazy<IReadOnlyList<SeedRow>> ShippedRows = new(() => Parse(ReadShipped()));

    /// <summary>The copy of the document the build places beside the tests.</summary>
    public static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "seed", "communication-ports.txt");

    public static string ReadShipped() => File.ReadAllText(ShippedPath);

    public static IReadOnlyList<SeedRow> Rows => ShippedRows.Value;

    public static IReadOnlyList<SeedRow> Parse(string text)
    {
        var rows = new List<SeedRow>();
        string? table = null;
        var rowNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var heading = Tables.FirstOrDefault(t => string.Equals(line.Trim(), t.Heading, StringComparison.Ordinal));
            if (heading.Table is not null)
            {
                table = heading.Table;
                rowNumber = 0;
                continue;
            }

            if (table is null || !line.Contains('\t', StringComparison.Ordinal) || line.StartsWith("Port\t", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != 4)
            {
                throw new InvalidDataException($"{table} row {rowNumber + 1} has {cells.Length} columns, not 4: {line}");
            }

            rowNumber++;
            rows.Add(new SeedRow(table, rowNumber, cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim()));
        }

        return rows;
    }

    /// <summary>Collapses runs of white space to one space and trims, so "Inbound /Outbound" compares sanely.</summary>
    public static string NormaliseWhitespace(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>
    /// The shared master copy of the document: /work/shared/seed/communication-ports.txt, or a
    /// shared/seed/communication-ports.txt found walking up from the test's base directory. Null when there is none.
    /// </summary>
    public static string? FindSharedCopy()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "seed", "communication-ports.txt");
            if (File.Exists(candidate)) return candidate;
        }

        const string WellKnown = "/work/shared/seed/communication-ports.txt";
        return File.Exists(WellKnown) ? WellKnown : null;
    }
}
