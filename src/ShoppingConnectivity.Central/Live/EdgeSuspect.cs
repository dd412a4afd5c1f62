using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Live;

/// <summary>A suspect of one edge in GET /api/v1/edges: a host (target or source) or, with no host, the edge itself.</summary>
public sealed record EdgeSuspect(BlameKind Kind, string? Host, string Text)
{
    public static EdgeSuspect Of(BlameMark mark) => new(mark.Kind, mark.Host, mark.Text);
}
