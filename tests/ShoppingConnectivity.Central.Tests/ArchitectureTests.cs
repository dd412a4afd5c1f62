using ShoppingConnectivity.TestSupport.Architecture;

namespace ShoppingConnectivity.Central.Tests;

/// <summary>
/// Central's folders are features (Agents, Alerts, Estates, History, Ingestion, Live ...) over a small kernel (the root
/// namespace's settings and roles, Data's contexts, Api's problem details, Jobs' scheduling, Components' shell). Read
/// from the compiled IL, so a fully qualified name or a parent namespace's type counts as much as a using line.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "ShoppingConnectivity.Central";

    private static readonly Lazy<FolderGraph> Graph = new(() => FolderGraph.Read(typeof(Program).Assembly.Location, FolderOf));

    /// <summary>The kernel: every feature may use these; they use no feature.</summary>
    private static readonly string[] Kernel = ["(root)", "Data", "Api", "Jobs", "Components"];

    [Fact]
    public void CentralFolders_Dependencies_HaveNoCycle()
    {
        var cycles = Graph.Value.Cycles();
        Assert.True(cycles.Count == 0,
            "Folders that depend on each other in a circle:" + Environment.NewLine
            + string.Join(Environment.NewLine, cycles.Select(c => $"[{string.Join(", ", c)}]{Environment.NewLine}{Graph.Value.Describe(c)}")));
    }

    [Fact]
    public void KernelFolders_Dependencies_NoFeature()
    {
        var features = Graph.Value.Folders.Except(Kernel).ToHashSet();
        var uses = Kernel.SelectMany(k => Graph.Value.DependenciesOf(k).Where(d => features.Contains(d.Key)).Select(d => $"{k} -> {d.Key}: {d.Value}")).ToList();
        Assert.True(uses.Count == 0, "Kernel folders use features:" + Environment.NewLine + string.Join(Environment.NewLine, uses));
    }

    [Fact]
    public void DataFolder_Dependencies_OnlyTheRoot()
    {
        var uses = Graph.Value.DependenciesOf("Data");
        Assert.True(uses.Keys.All(k => k == "(root)"), "Data uses: " + string.Join("; ", uses.Where(u => u.Key != "(root)").Select(u => u.Value)));
    }

    [Fact]
    public void FolderGraph_CentralAssembly_SeesTheFeatures()
    {
        // Not vacuous: the graph read the features and their edges.
        Assert.Superset(new HashSet<string> { "Agents", "Alerts", "Estates", "History", "Ingestion", "Live", "Security", "Data" }, Graph.Value.Folders.ToHashSet());
        Assert.Contains("Live", Graph.Value.DependenciesOf("Ingestion").Keys);
    }

    /// <summary>ShoppingConnectivity.Central.Agents.Pages -> Agents; the root namespace -> (root); Program and generated types: none.</summary>
    private static string? FolderOf(string ns)
    {
        // Razor's generated type-inference helpers live under __Blazor.<the component's namespace>.
        if (ns.StartsWith("__Blazor.", StringComparison.Ordinal)) ns = ns["__Blazor.".Length..];
        if (ns == Root) return "(root)";
        return ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;
    }
}
