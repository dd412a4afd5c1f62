using ShoppingConnectivity.TestSupport.Architecture;

namespace ShoppingConnectivity.Agent.Tests;

/// <summary>
/// The Agent's folders are layers, read from its compiled IL: Timing at the bottom, the root namespace's kernel
/// (settings, runtime switches) beside it, the folders that use them, and Hosting (the composition) at the top.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "ShoppingConnectivity.Agent";
    private const string RootFolder = "(root)";

    private static readonly Lazy<FolderGraph> Graph = new(() => FolderGraph.Read(typeof(AgentOptions).Assembly.Location, FolderOf));

    [Fact]
    public void Folders_DependencyGraph_HaveNoCycle()
    {
        var cycles = Graph.Value.Cycles();

        Assert.True(cycles.Count == 0, "Folders of the Agent that use each other:" + Environment.NewLine + string.Join(
            Environment.NewLine, cycles.Select(c => $"[{string.Join(", ", c)}]{Environment.NewLine}{Graph.Value.Describe(c)}")));
    }

    [Fact]
    public void Timing_Dependencies_NoOtherFolderOfTheAgent() => AssertUsesNoFolder("Timing");

    [Fact]
    public void RootNamespace_Dependencies_NoFolder() => AssertUsesNoFolder(RootFolder);

    /// <summary>"ShoppingConnectivity.Agent" is the root, "ShoppingConnectivity.Agent.X.Y" is in folder X; anything else is not the Agent's.</summary>
    private static string? FolderOf(string ns) =>
        ns == Root ? RootFolder
        : ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0]
        : null;

    private static void AssertUsesNoFolder(string folder)
    {
        Assert.Contains(folder, Graph.Value.Folders); // a renamed folder must not pass for want of types
        var used = Graph.Value.DependenciesOf(folder);
        Assert.True(used.Count == 0, $"{folder} uses other folders of the Agent:{Environment.NewLine}"
            + string.Join(Environment.NewLine, used.Select(d => $"  {folder} -> {d.Key}: {d.Value}")));
    }
}
