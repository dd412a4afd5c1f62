using System.Globalization;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Components.Pages.Diagram;

/// <summary>
/// Geometry of the Shopping connections diagram: clients left, Shopping servers centre, dependencies right.
/// Flows between the same two roles get parallel curves; a curve that would cross another box bends round it.
/// </summary>
public sealed class DiagramLayout
{
    public const double Width = 1280;
    public const double Height = 800;
    public const double NodeWidth = 200;
    public const double NodeHeight = 52;
    private const double ParallelSpacing = 30;

    private static readonly Dictionary<string, (double X, double Y)> Positions = new(StringComparer.Ordinal)
    {
        ["TachyonAgent"] = (130, 80),
        ["Client"] = (130, 330),
        ["AdminConsole"] = (130, 650),
        ["Website"] = (570, 150),
        ["CentralService"] = (570, 470),
        ["Receiver"] = (570, 720),
        ["ShoppingDb"] = (1140, 60),
        ["ConfigMgrDb"] = (1140, 160),
        ["SmsProvider"] = (1140, 260),
        ["DomainController"] = (1140, 380),
        ["SmtpGateway"] = (1140, 490),
        ["Pop3Server"] = (1140, 570),
        ["ActiveEfficiency"] = (1140, 650),
        ["AppClarity"] = (1140, 740),
    };

    public DiagramLayout(FlowCatalogue catalogue)
    {
        var fallbackY = 40.0;
        Nodes = catalogue.Roles.Select(r =>
        {
            var (x, y) = Positions.TryGetValue(r.Id, out var p) ? p : (Width / 2, fallbackY += 60);
            return new DiagramNode(r.Id, r.Name, r.Kind, x, y);
        }).ToList();
        var byId = Nodes.ToDictionary(n => n.RoleId, StringComparer.Ordinal);

        var edges = new List<DiagramEdge>();
        foreach (var pair in catalogue.Flows.GroupBy(f => PairKey(f.From, f.To)))
        {
            var flows = pair.ToList();
            for (var i = 0; i < flows.Count; i++)
            {
                var flow = flows[i];
                var from = byId[flow.From];
                var to = byId[flow.To];
                // Keep the parallel offset's sign stable whichever way round the pair is drawn.
                var sign = string.CompareOrdinal(flow.From, flow.To) < 0 ? 1 : -1;
                var spread = (i - (flows.Count - 1) / 2.0) * ParallelSpacing * sign;
                edges.Add(Route(flow, from, to, spread, Nodes));
            }
        }

        Edges = edges;
    }

    public IReadOnlyList<DiagramNode> Nodes { get; }

    public IReadOnlyList<DiagramEdge> Edges { get; }

    public static string Colour(EdgeColour colour) => colour switch
    {
        EdgeColour.Green => "#2e7d32",
        EdgeColour.Amber => "#b26a00",
        EdgeColour.Red => "#c62828",
        EdgeColour.Off => "#9e9e9e",
        _ => "#757575",
    };

    public static string Icon(EdgeColour colour) => colour switch
    {
        EdgeColour.Green => "\u2714",
        EdgeColour.Amber => "\u26A0",
        EdgeColour.Red => "\u2716",
        EdgeColour.Off => "\u2013",
        _ => "?",
    };

    private static string PairKey(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}";

    private static DiagramEdge Route(Flow flow, DiagramNode from, DiagramNode to, double spread, IReadOnlyList<DiagramNode> nodes)
    {
        var dx = to.X - from.X;
        var dy = to.Y - from.Y;
        var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
        var (nx, ny) = (-dy / length, dx / length);

        // Try the straight-ish curve first, then bend further each side until no other box is crossed.
        double[] bends = [0, 50, -50, 100, -100, 150, -150, 200, -200];
        var chosen = bends[0];
        foreach (var bend in bends)
        {
            chosen = bend;
            if (!CrossesOtherNode(from, to, nx, ny, spread + bend, nodes)) break;
        }

        var offset = spread + chosen;
        var (cx, cy) = (from.X + dx / 2 + nx * offset * 2, from.Y + dy / 2 + ny * offset * 2);
        var (sx, sy) = ClipToBox(from, cx, cy);
        var (ex, ey) = ClipToBox(to, cx, cy);
        var (lx, ly) = (0.25 * sx + 0.5 * cx + 0.25 * ex, 0.25 * sy + 0.5 * cy + 0.25 * ey);
        var path = string.Create(CultureInfo.InvariantCulture, $"M {sx:0.#} {sy:0.#} Q {cx:0.#} {cy:0.#} {ex:0.#} {ey:0.#}");
        return new DiagramEdge(flow, path, lx, ly);
    }

    private static bool CrossesOtherNode(DiagramNode from, DiagramNode to, double nx, double ny, double offset, IReadOnlyList<DiagramNode> nodes)
    {
        var (cx, cy) = ((from.X + to.X) / 2 + nx * offset * 2, (from.Y + to.Y) / 2 + ny * offset * 2);
        for (var step = 1; step < 40; step++)
        {
            var t = step / 40.0;
            var x = (1 - t) * (1 - t) * from.X + 2 * (1 - t) * t * cx + t * t * to.X;
            var y = (1 - t) * (1 - t) * from.Y + 2 * (1 - t) * t * cy + t * t * to.Y;
            foreach (var node in nodes)
            {
                if (ReferenceEquals(node, from) || ReferenceEquals(node, to)) continue;
                if (Math.Abs(x - node.X) < NodeWidth / 2 + 8 && Math.Abs(y - node.Y) < NodeHeight / 2 + 8) return true;
            }
        }

        return false;
    }

    /// <summary>Where the line from the box centre towards (tx, ty) leaves the box.</summary>
    private static (double X, double Y) ClipToBox(DiagramNode node, double tx, double ty)
    {
        var dx = tx - node.X;
        var dy = ty - node.Y;
        if (dx == 0 && dy == 0) return (node.X, node.Y);
        var scale = Math.Min(
            dx == 0 ? double.MaxValue : (NodeWidth / 2 + 2) / Math.Abs(dx),
            dy == 0 ? double.MaxValue : (NodeHeight / 2 + 2) / Math.Abs(dy));
        return (node.X + dx * scale, node.Y + dy * scale);
    }
}

public sealed record DiagramNode(string RoleId, string Name, string Kind, double X, double Y);

public sealed record DiagramEdge(Flow Flow, string Path, double LabelX, double LabelY);
