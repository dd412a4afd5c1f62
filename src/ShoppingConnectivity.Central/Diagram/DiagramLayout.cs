using System.Globalization;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// Geometry of the Shopping connections diagram. Each role's box sits where the catalogue's layout data puts it
/// (clients left, Shopping servers centre, dependencies round them); a role without layout data gets a free place.
/// Flows between the same two roles get parallel curves; a curve that would cross another box bends round it;
/// each edge's label is placed along its own curve where it overlaps no box and no other label.
/// </summary>
/// <remarks>
/// The canvas is 2:1, so the whole diagram fits one screen both at 1920x1080 and on a 1366x768 laptop (the SVG
/// scales with its viewBox). Label boxes are sized for DejaVu Sans, the widest of the usual sans-serif fonts, so
/// the text stays inside them whatever font the browser picks.
/// </remarks>
public sealed class DiagramLayout
{
    public const double Width = 1500;
    public const double Height = 750;
    public const double NodeWidth = 210;
    public const double NodeHeight = 62;
    public const double LabelWidth = 148;
    public const double LabelHeight = 34;
    private const double ParallelSpacing = 40;
    private const double LabelMargin = 4;

    /// <summary>The room kept between a role placed without layout data and the boxes already there.</summary>
    private const double PlacementMargin = 24;

    public DiagramLayout(FlowCatalogue catalogue)
    {
        Nodes = PlaceNodes(catalogue);
        var byId = Nodes.ToDictionary(n => n.RoleId, StringComparer.Ordinal);

        var routes = new List<(Flow Flow, Curve Curve)>();
        foreach (var pair in catalogue.Flows.GroupBy(f => PairKey(f.From, f.To)))
        {
            var flows = pair.ToList();
            // Keep the parallel offset's sign stable whichever way round the pair is drawn.
            var spreads = flows.Select((f, i) => (i - (flows.Count - 1) / 2.0) * ParallelSpacing * (string.CompareOrdinal(f.From, f.To) < 0 ? 1 : -1)).ToList();
            var bend = BendFor(flows, spreads, byId);
            for (var i = 0; i < flows.Count; i++)
            {
                routes.Add((flows[i], CurveOf(byId[flows[i].From], byId[flows[i].To], spreads[i] + bend * (string.CompareOrdinal(flows[i].From, flows[i].To) < 0 ? 1 : -1))));
            }
        }

        // Place the labels of the most crowded targets first: they have the fewest free spots. Then move each label
        // that still overlaps something to its least crowded spot along its curve, until none does.
        var nodeBoxes = Nodes.Select(n => n.Box.Inflate(LabelMargin)).ToList();
        var order = routes.OrderByDescending(r => catalogue.Flows.Count(f => f.To == r.Flow.To)).ThenBy(r => r.Flow.Id, StringComparer.Ordinal).ToList();
        var labels = new Dictionary<string, Box>(StringComparer.Ordinal);
        foreach (var (flow, curve) in order)
        {
            labels[flow.Id] = PlaceLabel(curve, nodeBoxes, labels.Values.ToList());
        }

        for (var pass = 0; pass < 30; pass++)
        {
            var moved = false;
            foreach (var (flow, curve) in order)
            {
                var others = labels.Where(l => l.Key != flow.Id).Select(l => l.Value).ToList();
                if (Overlap(labels[flow.Id], nodeBoxes, others) == 0) continue;
                var better = PlaceLabel(curve, nodeBoxes, others);
                if (Overlap(better, nodeBoxes, others) < Overlap(labels[flow.Id], nodeBoxes, others))
                {
                    labels[flow.Id] = better;
                    moved = true;
                }
            }

            if (!moved) break;
        }

        var curves = routes.ToDictionary(r => r.Flow.Id, r => r.Curve, StringComparer.Ordinal);
        Edges = catalogue.Flows.Select(f => new DiagramEdge(f, curves[f.Id].Path, labels[f.Id])).ToList();
    }

    public IReadOnlyList<DiagramNode> Nodes { get; }

    /// <summary>In catalogue order.</summary>
    public IReadOnlyList<DiagramEdge> Edges { get; }

    /// <summary>
    /// Boxes on the catalogue's grid (its largest column and row reach the canvas's edges). A role without a place gets
    /// the first free one in its tier: a loopback target next to its source, a Shopping role in the middle columns,
    /// anything else in the outer columns from the right.
    /// </summary>
    private static List<DiagramNode> PlaceNodes(FlowCatalogue catalogue)
    {
        var placed = catalogue.Roles.Where(r => r.Layout is not null).ToList();
        var (columns, rows) = placed.Count == 0 ? (1.0, 1.0)
            : (Math.Max(1, placed.Max(r => r.Layout!.Column)), Math.Max(1, placed.Max(r => r.Layout!.Row)));
        // A little more room below than above: the bottom row's labels sit above it and its arrowheads end on it.
        var (left, top, bottom) = (10 + NodeWidth / 2, 9 + NodeHeight / 2, 14 + NodeHeight / 2);
        var (columnStep, rowStep) = ((Width - 2 * left) / columns, (Height - top - bottom) / rows);
        var centres = placed.ToDictionary(r => r.Id, r => (X: left + r.Layout!.Column * columnStep, Y: top + r.Layout.Row * rowStep), StringComparer.Ordinal);

        foreach (var role in catalogue.Roles.Where(r => r.Layout is null))
        {
            var inbound = catalogue.Flows.Where(f => f.To == role.Id).ToList();
            var source = inbound.Count > 0 && inbound.All(f => f.Loopback) && centres.TryGetValue(inbound[0].From, out var s) ? s : ((double X, double Y)?)null;
            var candidates = new List<(double X, double Y)>();
            for (var row = 0; row <= 2 * rows; row++)
            {
                for (var column = 0; column <= 2 * columns; column++)
                    candidates.Add((left + column / 2.0 * columnStep, top + row / 2.0 * rowStep));
            }

            double Preference((double X, double Y) c) => source is { } near ? Math.Abs(c.X - near.X) + Math.Abs(c.Y - near.Y)
                : role.Kind == "shopping" ? Math.Abs(c.X - Width / 2) + Math.Abs(c.Y - Height / 2) / 4
                : Width - c.X + Math.Abs(c.Y - Height / 2) / 4;
            var free = candidates.Where(c => centres.Values.All(o =>
                    !Box.Centred(c.X, c.Y, NodeWidth, NodeHeight).Inflate(PlacementMargin).Overlaps(Box.Centred(o.X, o.Y, NodeWidth, NodeHeight))))
                .OrderBy(Preference).ToList();
            centres[role.Id] = free.Count > 0 ? free[0] : (Width / 2, Height / 2);
        }

        return catalogue.Roles.Select(r => new DiagramNode(r.Id, r.Name, r.Kind, centres[r.Id].X, centres[r.Id].Y)).ToList();
    }

    internal static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string PairKey(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}";

    /// <summary>The smallest bend, the same for the whole bundle of a pair, that takes every curve of it clear of the other boxes.</summary>
    private static double BendFor(IReadOnlyList<Flow> flows, IReadOnlyList<double> spreads, IReadOnlyDictionary<string, DiagramNode> byId)
    {
        double[] bends = [0, 30, -30, 60, -60, 90, -90, 120, -120, 160, -160, 200, -200, 240, -240];
        foreach (var bend in bends)
        {
            var clear = true;
            for (var i = 0; i < flows.Count && clear; i++)
            {
                var (from, to) = (byId[flows[i].From], byId[flows[i].To]);
                // The sign follows the pair's canonical direction, so a reversed flow bends the same way.
                var sign = string.CompareOrdinal(flows[i].From, flows[i].To) < 0 ? 1 : -1;
                clear = !Crosses(CurveOf(from, to, spreads[i] + bend * sign), from, to, byId.Values.ToList());
            }

            if (clear) return bend;
        }

        return 0;
    }

    private static Curve CurveOf(DiagramNode from, DiagramNode to, double offset)
    {
        var dx = to.X - from.X;
        var dy = to.Y - from.Y;
        var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
        return Curve.Between(from, to, -dy / length, dx / length, offset);
    }

    private static bool Crosses(Curve curve, DiagramNode from, DiagramNode to, IReadOnlyList<DiagramNode> nodes)
    {
        for (var step = 1; step < 60; step++)
        {
            var (x, y) = curve.At(step / 60.0);
            foreach (var node in nodes)
            {
                if (ReferenceEquals(node, from) || ReferenceEquals(node, to)) continue;
                if (node.Box.Inflate(10).Contains(x, y)) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The width a label box needs for its first line (icon, ports, state word) at 11 px DejaVu Sans: the placed width,
    /// or wider when the ports name exceptions ("1433 (sql02: 14330)"); the box grows about its centre.
    /// </summary>
    public static double LabelWidthFor(string firstLine, double placedWidth) =>
        Math.Max(placedWidth, firstLine.Sum(c => c switch
        {
            >= '0' and <= '9' => 7.0,
            ' ' or ',' or ':' or '.' => 3.6,
            '(' or ')' => 4.3,
            < '\u0080' => 7.2, // letters of the bold state word at their widest
            _ => 11.0, // the state icon
        }) + 8);

    /// <summary>The first spot along the curve, from its middle outwards, that overlaps no box; else the least bad one.</summary>
    private static Box PlaceLabel(Curve curve, IReadOnlyList<Box> nodes, IReadOnlyList<Box> labels)
    {
        Box? best = null;
        var bestOverlap = double.MaxValue;
        for (var i = 0; i <= 160; i++)
        {
            // 0.5, 0.4975, 0.5025, 0.495, ... out to 0.1 and 0.9.
            var t = 0.5 + (i % 2 == 0 ? 1 : -1) * ((i + 1) / 2) * 0.0025;
            var (x, y) = curve.At(t);
            var box = Box.Centred(x, y, LabelWidth, LabelHeight);
            var overlap = Overlap(box, nodes, labels);
            if (overlap == 0) return box;
            if (overlap < bestOverlap) (best, bestOverlap) = (box, overlap);
        }

        return best!.Value;
    }

    /// <summary>Area shared with the node boxes and the other labels (kept a margin apart).</summary>
    private static double Overlap(Box box, IReadOnlyList<Box> nodes, IReadOnlyList<Box> labels)
    {
        var inCanvas = new Box(0, 0, Width, Height);
        var outside = box.Width * box.Height - inCanvas.OverlapArea(box);
        return outside + nodes.Sum(n => n.OverlapArea(box)) + labels.Sum(l => l.Inflate(LabelMargin / 2).OverlapArea(box));
    }

    /// <summary>A quadratic curve between the edges of two boxes.</summary>
    private sealed record Curve(double Sx, double Sy, double Cx, double Cy, double Ex, double Ey)
    {
        public static Curve Between(DiagramNode from, DiagramNode to, double nx, double ny, double offset)
        {
            var (cx, cy) = ((from.X + to.X) / 2 + nx * offset * 2, (from.Y + to.Y) / 2 + ny * offset * 2);
            var (sx, sy) = ClipToBox(from, cx, cy);
            var (ex, ey) = ClipToBox(to, cx, cy);
            return new Curve(sx, sy, cx, cy, ex, ey);
        }

        public string Path => string.Create(CultureInfo.InvariantCulture, $"M {Sx:0.#} {Sy:0.#} Q {Cx:0.#} {Cy:0.#} {Ex:0.#} {Ey:0.#}");

        public (double X, double Y) At(double t) => (
            (1 - t) * (1 - t) * Sx + 2 * (1 - t) * t * Cx + t * t * Ex,
            (1 - t) * (1 - t) * Sy + 2 * (1 - t) * t * Cy + t * t * Ey);

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
}
