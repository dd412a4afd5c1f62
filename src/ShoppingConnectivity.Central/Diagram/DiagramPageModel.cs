using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// The diagram page's view of the live state: edges, blame marks and the few suspects named above the diagram, and
/// the edge whose links are open with those links.
/// </summary>
/// <param name="rowsOf">The links of one flow as the drill-down lists them, read afresh.</param>
/// <param name="catalogue">Names the roles of the problem list's edges.</param>
public sealed class DiagramPageModel(Func<string, IReadOnlyList<LinkRow>> rowsOf, FlowCatalogue catalogue)
{
    /// <summary>How often the problem list's durations ("broken for 22 min") move on while nothing else changes.</summary>
    public static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(15);

    /// <summary>The most suspects named above the diagram; the rest are in the drill-downs.</summary>
    public const int MaxSuspects = 5;

    /// <summary>
    /// The most marks a links panel names: on a client flow many clients can each be a suspect source; the panel names
    /// the hosts first, most failing first, and says how many more there are (all are in GET /api/v1/suspects).
    /// </summary>
    public const int MaxSelectedMarks = 10;

    public long Version { get; private set; }

    public IReadOnlyList<EdgeState> Edges { get; private set; } = [];

    public IReadOnlyList<BlameMark> Marks { get; private set; } = [];

    /// <summary>Hosts or roles that explain failures, most failing links first.</summary>
    public IReadOnlyList<BlameMark> Suspects { get; private set; } = [];

    /// <summary>The flow whose links are open; null: none.</summary>
    public string? Selected { get; private set; }

    public IReadOnlyList<LinkRow> Rows { get; private set; } = [];

    /// <summary>Every edge not green, worst and longest-standing first (<see cref="EdgeProblems"/>).</summary>
    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];

    /// <summary>The page's ?edge= when it names no flow of the catalogue (a stale or mistyped link): the page says so.</summary>
    public string? UnknownEdge { get; private set; }

    public EdgeState? SelectedEdge => Edges.FirstOrDefault(e => e.FlowId == Selected);

    /// <summary>The estate's suspects that explain the open edge's failures (a host's mark names every flow it explains), at most <see cref="MaxSelectedMarks"/>.</summary>
    public IReadOnlyList<BlameMark> SelectedMarks => MarksOfSelected().Take(MaxSelectedMarks).ToList();

    /// <summary>The open edge's suspects beyond <see cref="SelectedMarks"/>.</summary>
    public int SelectedMarksLeft => Math.Max(0, MarksOfSelected().Count() - MaxSelectedMarks);

    private IEnumerable<BlameMark> MarksOfSelected() => Selected is { } flowId
        ? Marks.Where(m => m.FlowIds.Contains(flowId, StringComparer.Ordinal)).OrderBy(m => m.Kind == BlameKind.Edge).ThenByDescending(m => m.Failing)
        : [];

    /// <summary>The page's ?kiosk=1 (or true) asks for the wall display.</summary>
    public static bool WantsWall(string? kiosk) => kiosk is "1" or "true";

    /// <summary>
    /// Whether a new live state changes what the page shows. The live state hands out the same edge list while no
    /// edge's content changed, and the same marks while blame finds the same, so a refresh that brings neither is
    /// skipped: with hundreds of dashboards open, most refreshes of a large estate are links heard from again. An open
    /// links panel shows each link's latest result, which changes without its edge: it always reads.
    /// </summary>
    public bool Changes(IReadOnlyList<EdgeState> edges, IReadOnlyList<BlameMark> marks) =>
        Selected is not null || !ReferenceEquals(edges, Edges) || !ReferenceEquals(marks, Marks);

    /// <summary>A new live state: the open edge's links are read again too.</summary>
    public void Read(long version, IReadOnlyList<EdgeState> edges, IReadOnlyList<BlameMark> marks, DateTimeOffset now)
    {
        Version = version;
        Edges = edges;
        Marks = marks;
        Suspects = MarkIndex.Of(marks).HostMarks.Take(MaxSuspects).ToList();
        Rows = Selected is null ? [] : rowsOf(Selected);
        Tick(now);
    }

    /// <summary>Time passed with no new state: the problem list's durations move on.</summary>
    public void Tick(DateTimeOffset now) => Problems = ProblemRow.Of(Edges, Marks, catalogue, now);

    public void Select(string flowId)
    {
        Selected = flowId;
        Rows = rowsOf(flowId);
    }

    public void Close() => Selected = null;

    /// <summary>
    /// Opens the edge the page's ?edge= names, or closes the panel when there is none: the URL is what is open, so a
    /// link in a mail, a copied URL and the browser's back button all show what they name.
    /// </summary>
    public void Follow(string? edge)
    {
        var wanted = string.IsNullOrWhiteSpace(edge) ? null : edge;
        UnknownEdge = wanted is not null && catalogue.FindFlow(wanted) is null ? wanted : null;
        if (wanted is null || UnknownEdge is not null) Close();
        else if (wanted != Selected) Select(wanted);
    }
}
