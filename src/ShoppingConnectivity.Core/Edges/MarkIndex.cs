using System.Runtime.CompilerServices;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// The lookups a dashboard makes in the estate's blame marks, built once per list of marks. Every open dashboard reads
/// the same list from the live state on each refresh, so with hundreds open the marks are indexed once, not scanned
/// again for each problem edge of each dashboard.
/// </summary>
public sealed class MarkIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<BlameMark>, MarkIndex> Indexes = new();

    private readonly Dictionary<string, BlameMark> _suspectByFlow = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blamedEdges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BlameMark[]> _byRole;

    private MarkIndex(IReadOnlyList<BlameMark> marks)
    {
        foreach (var mark in marks)
        {
            foreach (var flowId in mark.FlowIds)
            {
                // First the marks naming a host, then the edge's own; most failing first; the first listed on a tie.
                if (!_suspectByFlow.TryGetValue(flowId, out var best) || Before(mark, best)) _suspectByFlow[flowId] = mark;
                if (mark.Kind == BlameKind.Edge) _blamedEdges.Add(flowId);
            }
        }

        var hostMarks = marks.Where(m => m.Kind != BlameKind.Edge).OrderByDescending(m => m.Failing).ToArray();
        HostMarks = hostMarks;
        _byRole = hostMarks.GroupBy(m => m.Role, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The marks naming a host (target or source), most failing first.</summary>
    public IReadOnlyList<BlameMark> HostMarks { get; }

    /// <summary>The index of <paramref name="marks"/>, built on first use and kept as long as the list is (so the list must not change after: the live state's never do).</summary>
    public static MarkIndex Of(IReadOnlyList<BlameMark> marks) => Indexes.GetValue(marks, m => new MarkIndex(m));

    /// <summary>The suspect to name beside an edge: a host that explains its failures before the edge itself, the one explaining most.</summary>
    public BlameMark? SuspectOf(string flowId) => _suspectByFlow.GetValueOrDefault(flowId);

    /// <summary>Whether the edge itself is suspected (no host explains its failures).</summary>
    public bool Blamed(string flowId) => _blamedEdges.Contains(flowId);

    /// <summary>The host marks on a role's box, most failing first; the same array on every call.</summary>
    public IReadOnlyList<BlameMark> OfRole(string roleId) => _byRole.TryGetValue(roleId, out var marks) ? marks : [];

    private static bool Before(BlameMark mark, BlameMark best) =>
        (mark.Kind == BlameKind.Edge) != (best.Kind == BlameKind.Edge) ? best.Kind == BlameKind.Edge : mark.Failing > best.Failing;
}
