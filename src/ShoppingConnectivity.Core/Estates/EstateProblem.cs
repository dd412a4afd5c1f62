namespace ShoppingConnectivity.Core.Estates;

/// <summary>
/// One problem of an estate document, structured so a form can put it beside the field it is about.
/// <see cref="Text"/> is the full message as files and logs show it ("hosts[3] (sql01).roles[0]: unknown role 'SqlServer'").
/// </summary>
/// <param name="HostIndex">The host the problem is about (index in the document's hosts), or null for the estate itself.</param>
/// <param name="Field">The field inside the host or estate: name, address, roles[0], ports.websiteHttp, switches.rbac, hosts; empty when the text as a whole is unreadable.</param>
/// <param name="Message">What is wrong, without the field prefix.</param>
public sealed record EstateProblem(int? HostIndex, string Field, string Message, string Text)
{
    /// <summary>The field a form shows it on: indices dropped (roles[2] -> roles), port and switch keys kept (ports.smtp).</summary>
    public string FormField => Field.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? Field[..bracket] : Field;

    /// <summary>A problem of the file as a whole (syntax, empty file): no field to point at.</summary>
    public static EstateProblem General(string text) => new(null, "", text, text);
}

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
