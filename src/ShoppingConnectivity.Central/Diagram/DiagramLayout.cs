using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// Geometry of the Shopping connections diagram. Each role's box sits where the catalogue's layout data puts it
/// (clients left, Shopping servers centre, dependencies round them); a role without layout data gets a free place.
/// All flows from one role to another share one line, drawn with the bend that keeps it off other boxes and inside
/// the canvas while crossing the fewest lines; its flows' chips stack in one group placed along it where the group
/// overlaps no box, no other group and no other line (else where it overlaps least).
/// </summary>
/// <remarks>
/// The SVG scales with its viewBox (<see cref="DiagramGeometry"/> gives the sizes). Role places were chosen (in
/// catalogue.json) by a local search for the fewest crossings and lines through chips; DiagramLayoutTests hold the
/// figures reached.
/// </remarks>
public sealed class DiagramLayout
{
    /// <summary>What another line through a chip group costs its placement, as if it hid this much of its area.</summary>
    private const double LinePenalty = 400;

    /// <summary>The room kept between a role placed without layout data and the boxes already there.</summary>
    private const double PlacementMargin = 24;

    private readonly DiagramGeometry _g;

    /// <summary>Layouts already computed, per catalogue instance and geometry: each search takes a few hundred milliseconds.</summary>
    private static readonly ConditionalWeakTable<FlowCatalogue, ConcurrentDictionary<DiagramGeometry, Lazy<DiagramLayout>>> Computed = new();

    public DiagramLayout(FlowCatalogue catalogue) : this(catalogue, DiagramGeometry.Full)
    {
    }

    /// <summary>The layout of this catalogue in this geometry, computed once and shared by every page and circuit.</summary>
    public static DiagramLayout For(FlowCatalogue catalogue, DiagramGeometry geometry) =>
        Computed.GetOrCreateValue(catalogue).GetOrAdd(geometry, g => new Lazy<DiagramLayout>(() => new DiagramLayout(catalogue, g))).Value;

    public DiagramLayout(FlowCatalogue catalogue, DiagramGeometry geometry)
    {
        _g = geometry;
        Nodes = PlaceNodes(catalogue);
        var byId = Nodes.ToDictionary(n => n.RoleId, StringComparer.Ordinal);

        // One line per pair of roles, whatever number of flows runs between them; its flows' chips stack in one group.
        var bundles = catalogue.Flows.GroupBy(f => (f.From, f.To)).Select(g => (Id: $"{g.Key.From}-{g.Key.To}", Flows: g.ToList())).ToList();
        // Longest lines first: they have the most to cross. Each takes the bend that keeps it off other boxes and
        // crosses the fewest lines already drawn.
        var curves = new Dictionary<string, Curve>(StringComparer.Ordinal);
        var polylines = new Dictionary<string, IReadOnlyList<Point>>(StringComparer.Ordinal);
        foreach (var bundle in bundles.OrderByDescending(b => Distance(byId[b.Flows[0].From], byId[b.Flows[0].To])).ThenBy(b => b.Id, StringComparer.Ordinal))
        {
            var (from, to) = (byId[bundle.Flows[0].From], byId[bundle.Flows[0].To]);
            curves[bundle.Id] = BendFor(from, to, byId, polylines.Values.ToList());
            polylines[bundle.Id] = curves[bundle.Id].Polyline();
        }

        var sizes = bundles.ToDictionary(b => b.Id, b => (Width: b.Flows.Max(_g.ChipWidthFor), Height: b.Flows.Count * _g.ChipHeight + (b.Flows.Count - 1) * _g.ChipGap), StringComparer.Ordinal);

        // Place the biggest groups first: they have the fewest free spots. Then move each group that still overlaps
        // something (a box, another group, another line) to its least crowded spot along its line, until none does.
        var nodeBoxes = Nodes.Select(n => n.Box.Inflate(_g.LabelMargin)).ToList();
        var order = bundles.OrderByDescending(b => b.Flows.Count).ThenByDescending(b => catalogue.Flows.Count(f => f.To == b.Flows[0].To))
            .ThenBy(b => b.Id, StringComparer.Ordinal).Select(b => b.Id).ToList();
        var groups = new Dictionary<string, Box>(StringComparer.Ordinal);
        List<IReadOnlyList<Point>> OtherLines(string id) => polylines.Where(p => p.Key != id).Select(p => p.Value).ToList();
        foreach (var id in order)
        {
            groups[id] = PlaceLabel(curves[id], sizes[id], nodeBoxes, groups.Values.ToList(), OtherLines(id));
        }

        for (var pass = 0; pass < 30; pass++)
        {
            var moved = false;
            foreach (var id in order)
            {
                var others = groups.Where(l => l.Key != id).Select(l => l.Value).ToList();
                var lines = OtherLines(id);
                if (Overlap(groups[id], nodeBoxes, others, lines) == 0) continue;
                var better = PlaceLabel(curves[id], sizes[id], nodeBoxes, others, lines);
                if (Overlap(better, nodeBoxes, others, lines) < Overlap(groups[id], nodeBoxes, others, lines))
                {
                    groups[id] = better;
                    moved = true;
                }
            }

            if (!moved) break;
        }

        Repair(bundles.ToDictionary(b => b.Id, b => (From: byId[b.Flows[0].From], To: byId[b.Flows[0].To]), StringComparer.Ordinal),
            order, curves, polylines, groups, sizes, nodeBoxes);

        Lines = bundles.Select(b => new DiagramLine(b.Id, b.Flows[0].From, b.Flows[0].To, b.Flows, polylines[b.Id], curves[b.Id].Path)).ToList();
        var chips = new Dictionary<string, DiagramEdge>(StringComparer.Ordinal);
        foreach (var (id, flows) in bundles)
        {
            var group = groups[id];
            for (var i = 0; i < flows.Count; i++)
            {
                chips[flows[i].Id] = new DiagramEdge(flows[i], id, new Box(group.X, group.Y + i * (_g.ChipHeight + _g.ChipGap), group.Width, _g.ChipHeight));
            }
        }

        Edges = catalogue.Flows.Select(f => chips[f.Id]).ToList();
        Crossings = CountCrossings(Lines, byId);
    }

    /// <summary>The sizes it is drawn with.</summary>
    public DiagramGeometry Geometry => _g;

    /// <summary>
    /// A line still drawn through another line's chips, or a group still overlapping: try the line's other bends, its
    /// group placed again on each, and keep one when the whole drawing is better (<see cref="Badness"/>, and 200 per crossing). Only lines
    /// with a part in what is wrong are tried, so a clean drawing costs one look.
    /// </summary>
    private void Repair(Dictionary<string, (DiagramNode From, DiagramNode To)> ends, List<string> order, Dictionary<string, Curve> curves,
        Dictionary<string, IReadOnlyList<Point>> polylines, Dictionary<string, Box> groups, Dictionary<string, (double Width, double Height)> sizes, List<Box> nodeBoxes)
    {
        var nodes = ends.Values.SelectMany(e => new[] { e.From, e.To }).Distinct().ToList();
        // Crossings are the costliest part: counted per line against all others, and again only for the line tried.
        var crossings = polylines.Keys.ToDictionary(id => id, id => CrossingsOf(id, polylines[id], polylines, ends), StringComparer.Ordinal);
        var badness = Badness(polylines, groups, nodeBoxes) + 200 * crossings.Values.Sum() / 2;
        for (var pass = 0; pass < 4 && badness > 0; pass++)
        {
            var changed = false;
            foreach (var id in order.Where(id => Involved(id, polylines, groups, nodeBoxes)).ToList())
            {
                var (from, to) = ends[id];
                var sign = string.CompareOrdinal(from.RoleId, to.RoleId) < 0 ? 1 : -1;
                foreach (var bend in Bends)
                {
                    var curve = CurveOf(from, to, bend * sign);
                    var line = curve.Polyline();
                    if (Crosses(curve, from, to, nodes) || line.Any(p => p.X < 2 || p.Y < 2 || p.X > _g.Width - 2 || p.Y > _g.Height - 2)) continue;
                    var saved = (Curve: curves[id], Line: polylines[id], Group: groups[id]);
                    var lineCrossings = CrossingsOf(id, line, polylines, ends);
                    (curves[id], polylines[id]) = (curve, line);
                    groups[id] = PlaceLabel(curve, sizes[id], nodeBoxes, groups.Where(g => g.Key != id).Select(g => g.Value).ToList(),
                        polylines.Where(p => p.Key != id).Select(p => p.Value).ToList());
                    var tried = Badness(polylines, groups, nodeBoxes) + 200 * (crossings.Values.Sum() / 2 - crossings[id] + lineCrossings);
                    if (tried < badness)
                    {
                        (badness, changed) = (tried, true);
                        foreach (var other in crossings.Keys.ToList())
                            crossings[other] = CrossingsOf(other, polylines[other], polylines, ends);
                        continue;
                    }

                    (curves[id], polylines[id], groups[id]) = saved;
                }
            }

            if (!changed) break;
        }
    }

    /// <summary>How often the line crosses the other lines (not where two meet at a box they share).</summary>
    private int CrossingsOf(string id, IReadOnlyList<Point> line, Dictionary<string, IReadOnlyList<Point>> polylines, Dictionary<string, (DiagramNode From, DiagramNode To)> ends)
    {
        var count = 0;
        foreach (var (other, points) in polylines)
        {
            if (other == id) continue;
            var shared = new[] { ends[id].From, ends[id].To }.Intersect([ends[other].From, ends[other].To]).Select(n => n.Box.Inflate(_g.LabelMargin)).ToList();
            count += Intersections(line, points).Count(p => !shared.Any(b => b.Contains(p.X, p.Y)));
        }

        return count;
    }

    /// <summary>Whether the line runs through another group, another line runs through its group, or its group overlaps.</summary>
    private bool Involved(string id, Dictionary<string, IReadOnlyList<Point>> polylines, Dictionary<string, Box> groups, List<Box> nodeBoxes) =>
        groups.Any(g => g.Key != id && Crosses(polylines[id], g.Value))
        || polylines.Any(p => p.Key != id && Crosses(p.Value, groups[id]))
        || Overlap(groups[id], nodeBoxes, groups.Where(g => g.Key != id).Select(g => g.Value).ToList(), []) > 0;

    /// <summary>What is wrong with a drawing besides its crossings: overlapping area, and 400 per line through a group not its own.</summary>
    private double Badness(Dictionary<string, IReadOnlyList<Point>> polylines, Dictionary<string, Box> groups, List<Box> nodeBoxes)
    {
        var badness = 0.0;
        foreach (var (id, group) in groups)
        {
            badness += Overlap(group, nodeBoxes, groups.Where(g => g.Key != id).Select(g => g.Value).ToList(), []) / 2;
            badness += LinePenalty * polylines.Count(p => p.Key != id && Crosses(p.Value, group));
        }

        return badness;
    }

    /// <summary>One per pair of roles with flows between them, in catalogue order of their first flow.</summary>
    public IReadOnlyList<DiagramLine> Lines { get; }

    /// <summary>How many times two lines cross (lines meeting at a box they share do not count).</summary>
    public int Crossings { get; }

    public IReadOnlyList<DiagramNode> Nodes { get; }

    /// <summary>The chips, one per flow, in catalogue order.</summary>
    public IReadOnlyList<DiagramEdge> Edges { get; }

    /// <summary>
    /// Boxes on the catalogue's grid (its largest column and row reach the canvas's edges). A role without a place gets
    /// the first free one in its tier: a loopback target next to its source, a Shopping role in the middle columns,
    /// anything else in the outer columns from the right.
    /// </summary>
    private List<DiagramNode> PlaceNodes(FlowCatalogue catalogue)
    {
        var placed = catalogue.Roles.Where(r => r.Layout is not null).ToList();
        var (columns, rows) = placed.Count == 0 ? (1.0, 1.0)
            : (Math.Max(1, placed.Max(r => r.Layout!.Column)), Math.Max(1, placed.Max(r => r.Layout!.Row)));
        // A little more room below than above: the bottom row's labels sit above it and its arrowheads end on it.
        var (left, top, bottom) = (10 + _g.NodeWidth / 2, 9 + _g.NodeHeight / 2, 14 + _g.NodeHeight / 2);
        var (columnStep, rowStep) = ((_g.Width - 2 * left) / columns, (_g.Height - top - bottom) / rows);
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
                : role.Kind == "shopping" ? Math.Abs(c.X - _g.Width / 2) + Math.Abs(c.Y - _g.Height / 2) / 4
                : _g.Width - c.X + Math.Abs(c.Y - _g.Height / 2) / 4;
            var free = candidates.Where(c => centres.Values.All(o =>
                    !Box.Centred(c.X, c.Y, _g.NodeWidth, _g.NodeHeight).Inflate(PlacementMargin).Overlaps(Box.Centred(o.X, o.Y, _g.NodeWidth, _g.NodeHeight))))
                .OrderBy(Preference).ToList();
            centres[role.Id] = free.Count > 0 ? free[0] : (_g.Width / 2, _g.Height / 2);
        }

        return catalogue.Roles.Select(r => new DiagramNode(r.Id, r.Name, r.Kind, Box.Centred(centres[r.Id].X, centres[r.Id].Y, _g.NodeWidth, _g.NodeHeight))).ToList();
    }

    internal static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Of the bends that keep the line off every other box and inside the canvas, the one crossing the fewest drawn lines (then the smallest).</summary>
    private Curve BendFor(DiagramNode from, DiagramNode to, IReadOnlyDictionary<string, DiagramNode> byId, IReadOnlyList<IReadOnlyList<Point>> drawn)
    {
        // The sign follows the pair's canonical direction, so the lines of two roles bend alike whichever way they run.
        var sign = string.CompareOrdinal(from.RoleId, to.RoleId) < 0 ? 1 : -1;
        var nodes = byId.Values.ToList();
        Curve? best = null;
        var bestCost = double.MaxValue;
        foreach (var bend in Bends)
        {
            var curve = CurveOf(from, to, bend * sign);
            var line = curve.Polyline();
            // Off another box and inside the canvas first; then the fewest crossings.
            var outside = line.Any(p => p.X < 2 || p.Y < 2 || p.X > _g.Width - 2 || p.Y > _g.Height - 2);
            var cost = (Crosses(curve, from, to, nodes) ? 1000 : 0) + (outside ? 1000 : 0) + Math.Abs(bend) / 1000;
            if (cost >= bestCost) continue;
            cost += drawn.Sum(d => Intersections(line, d).Count(p => !from.Box.Inflate(_g.LabelMargin).Contains(p.X, p.Y) && !to.Box.Inflate(_g.LabelMargin).Contains(p.X, p.Y)));
            if (cost < bestCost) (best, bestCost) = (curve, cost);
        }

        return best!;
    }

    /// <summary>How far a line may bow from the straight line between its boxes, straightest first.</summary>
    private static readonly double[] Bends = [0, 30, -30, 60, -60, 90, -90, 120, -120, 160, -160, 200, -200, 240, -240];

    private static double Distance(DiagramNode a, DiagramNode b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

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

    /// <summary>The first spot along the line, from its middle outwards, that overlaps nothing; else the least bad one.</summary>
    private Box PlaceLabel(Curve curve, (double Width, double Height) size, IReadOnlyList<Box> nodes, IReadOnlyList<Box> labels, IReadOnlyList<IReadOnlyList<Point>> lines)
    {
        Box? best = null;
        var bestOverlap = double.MaxValue;
        for (var i = 0; i <= 160; i++)
        {
            // 0.5, 0.4975, 0.5025, 0.495, ... out to 0.1 and 0.9.
            var t = 0.5 + (i % 2 == 0 ? 1 : -1) * ((i + 1) / 2) * 0.0025;
            var (x, y) = curve.At(t);
            var box = Box.Centred(x, y, size.Width, size.Height);
            var overlap = Overlap(box, nodes, labels, lines);
            if (overlap == 0) return box;
            if (overlap < bestOverlap) (best, bestOverlap) = (box, overlap);
        }

        return best!.Value;
    }

    /// <summary>Area shared with the node boxes and the other groups (kept a margin apart), and a price per other line through it.</summary>
    private double Overlap(Box box, IReadOnlyList<Box> nodes, IReadOnlyList<Box> labels, IReadOnlyList<IReadOnlyList<Point>> lines)
    {
        var inCanvas = new Box(0, 0, _g.Width, _g.Height);
        var outside = box.Width * box.Height - inCanvas.OverlapArea(box);
        return outside + nodes.Sum(n => n.OverlapArea(box)) + labels.Sum(l => l.Inflate(_g.LabelMargin).OverlapArea(box))
            + lines.Count(l => Crosses(l, box.Inflate(_g.LabelMargin / 2))) * LinePenalty;
    }

    /// <summary>Whether any segment of the polyline passes through the box.</summary>
    internal static bool Crosses(IReadOnlyList<Point> line, Box box)
    {
        // A curve's bounds first: most lines pass nowhere near a given box.
        if (line is Polyline { Bounds: var bounds } && (bounds.Right < box.X || bounds.X > box.Right || bounds.Bottom < box.Y || bounds.Y > box.Bottom)) return false;
        for (var i = 1; i < line.Count; i++)
        {
            var (a, b) = (line[i - 1], line[i]);
            // Most pieces lie nowhere near the box: skip those on the bounds alone.
            if (Math.Max(a.X, b.X) < box.X || Math.Min(a.X, b.X) > box.Right || Math.Max(a.Y, b.Y) < box.Y || Math.Min(a.Y, b.Y) > box.Bottom) continue;
            if (SegmentHits(a, b, box)) return true;
        }

        return false;
    }

    /// <summary>Whether a point every 2 units along the segment from a to b lies in the box (as the browser test samples the drawn path).</summary>
    private static bool SegmentHits(Point a, Point b, Box box)
    {
        var steps = Math.Max(1, (int)(Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y)) / 2));
        for (var s = 0; s <= steps; s++)
        {
            if (box.Contains(a.X + (b.X - a.X) * s / steps, a.Y + (b.Y - a.Y) * s / steps)) return true;
        }

        return false;
    }

    private int CountCrossings(IReadOnlyList<DiagramLine> lines, Dictionary<string, DiagramNode> byId)
    {
        var crossings = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            for (var j = i + 1; j < lines.Count; j++)
            {
                var shared = new[] { lines[i].From, lines[i].To }.Intersect([lines[j].From, lines[j].To]).Select(r => byId[r].Box.Inflate(_g.LabelMargin)).ToList();
                crossings += Intersections(lines[i].Points, lines[j].Points).Count(p => !shared.Any(b => b.Contains(p.X, p.Y)));
            }
        }

        return crossings;
    }

    /// <summary>Where two polylines cross; pieces whose bounds do not meet are skipped before any arithmetic.</summary>
    private static List<Point> Intersections(IReadOnlyList<Point> a, IReadOnlyList<Point> b)
    {
        var found = new List<Point>();
        if (a is Polyline { Bounds: var ab } && b is Polyline { Bounds: var bb }
            && (ab.Right < bb.X || bb.Right < ab.X || ab.Bottom < bb.Y || bb.Bottom < ab.Y)) return found;
        for (var i = 1; i < a.Count; i++)
        {
            var (p1, p2) = (a[i - 1], a[i]);
            var (minX, maxX, minY, maxY) = (Math.Min(p1.X, p2.X), Math.Max(p1.X, p2.X), Math.Min(p1.Y, p2.Y), Math.Max(p1.Y, p2.Y));
            for (var j = 1; j < b.Count; j++)
            {
                var (p3, p4) = (b[j - 1], b[j]);
                if (Math.Max(p3.X, p4.X) < minX || Math.Min(p3.X, p4.X) > maxX || Math.Max(p3.Y, p4.Y) < minY || Math.Min(p3.Y, p4.Y) > maxY) continue;
                var d = (p2.X - p1.X) * (p4.Y - p3.Y) - (p2.Y - p1.Y) * (p4.X - p3.X);
                if (Math.Abs(d) < 1e-9) continue;
                var t = ((p3.X - p1.X) * (p4.Y - p3.Y) - (p3.Y - p1.Y) * (p4.X - p3.X)) / d;
                var u = ((p3.X - p1.X) * (p2.Y - p1.Y) - (p3.Y - p1.Y) * (p2.X - p1.X)) / d;
                // Half-open on both, so a crossing exactly at a sample point is counted once.
                if (t is >= 0 and < 1 && u is >= 0 and < 1) found.Add(new Point(p1.X + t * (p2.X - p1.X), p1.Y + t * (p2.Y - p1.Y)));
            }
        }

        return found;
    }

    /// <summary>A curve's points with their bounds, so a box far from the curve is ruled out at once.</summary>
    private sealed class Polyline(Point[] points) : IReadOnlyList<Point>
    {
        public Box Bounds { get; } = new(points.Min(p => p.X), points.Min(p => p.Y),
            points.Max(p => p.X) - points.Min(p => p.X), points.Max(p => p.Y) - points.Min(p => p.Y));

        public Point this[int index] => points[index];

        public int Count => points.Length;

        public IEnumerator<Point> GetEnumerator() => ((IEnumerable<Point>)points).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => points.GetEnumerator();
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

        /// <summary>The curve as 48 straight pieces: close enough to count crossings and hits on boxes.</summary>
        public IReadOnlyList<Point> Polyline() => new Polyline(Enumerable.Range(0, 49).Select(i => At(i / 48.0)).Select(p => new Point(p.X, p.Y)).ToArray());

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
                dx == 0 ? double.MaxValue : (node.Box.Width / 2 + 2) / Math.Abs(dx),
                dy == 0 ? double.MaxValue : (node.Box.Height / 2 + 2) / Math.Abs(dy));
            return (node.X + dx * scale, node.Y + dy * scale);
        }
    }
}
