namespace ShoppingConnectivity.Core.Estates;

/// <summary>Groups estate problems by the form field they belong to.</summary>
public static class EstateProblems
{
    /// <summary>Messages per form field (name, address, roles, ports.smtp...) of the host at <paramref name="hostIndex"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ForHost(IEnumerable<EstateProblem> problems, int hostIndex) =>
        Group(problems.Where(p => p.HostIndex == hostIndex));

    /// <summary>Messages per field of the estate itself (name, switches.x, ports.x, hosts); problems of hosts are left out.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ForEstate(IEnumerable<EstateProblem> problems) =>
        Group(problems.Where(p => p.HostIndex is null && p.Field.Length > 0));

    /// <summary>Full texts of the problems a form for <paramref name="hostIndex"/> has no field for (other hosts, the file as a whole).</summary>
    public static IReadOnlyList<string> Elsewhere(IEnumerable<EstateProblem> problems, int hostIndex) =>
        problems.Where(p => p.HostIndex != hostIndex).Select(p => p.Text).ToList();

    private static Dictionary<string, IReadOnlyList<string>> Group(IEnumerable<EstateProblem> problems) =>
        problems.GroupBy(p => p.FormField, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Message).ToList(), StringComparer.Ordinal);
}
