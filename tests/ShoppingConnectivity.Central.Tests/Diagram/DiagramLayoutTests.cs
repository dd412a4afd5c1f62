using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Tests.Diagram;

/// <summary>The geometry proves what a person would check by eye: nothing hides anything.</summary>
public sealed class DiagramLayoutTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DiagramLayout Layout = new(Catalogue);

    [Fact]
    public void Layout_EveryRoleAndFlowOfTheCatalogue_IsDrawn()
    {
        Assert.Equal(Catalogue.Roles.Select(r => r.Id).Order(), Layout.Nodes.Select(n => n.RoleId).Order());
        Assert.Equal(Catalogue.Flows.Select(f => f.Id), Layout.Edges.Select(e => e.Flow.Id));
        foreach (var role in new[] { "Client", "TachyonAgent", "Website", "CentralService", "AdminConsole", "Receiver", "ShoppingDb",
                     "ConfigMgrDb", "SmsProvider", "DomainController", "SmtpGateway", "Pop3Server", "ActiveEfficiency", "AppClarity" })
        {
            Assert.Contains(Layout.Nodes, n => n.RoleId == role);
        }
    }

    [Fact]
    public void Layout_NodesAndLabels_StayInsideTheCanvas()
    {
        var canvas = new Box(0, 0, DiagramLayout.Width, DiagramLayout.Height);
        foreach (var box in Layout.Nodes.Select(n => (Name: n.RoleId, n.Box)).Concat(Layout.Edges.Select(e => (Name: e.Flow.Id, Box: e.Label))))
        {
            Assert.True(box.Box.X >= canvas.X && box.Box.Y >= canvas.Y && box.Box.Right <= canvas.Right && box.Box.Bottom <= canvas.Bottom,
                $"{box.Name} at {box.Box} leaves the canvas");
        }
    }

    [Fact]
    public void Layout_NoTwoNodes_Overlap()
    {
        var nodes = Layout.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = i + 1; j < nodes.Count; j++)
            {
                Assert.False(nodes[i].Box.Inflate(4).Overlaps(nodes[j].Box), $"nodes {nodes[i].RoleId} and {nodes[j].RoleId} overlap");
            }
        }
    }

    [Fact]
    public void Layout_NoEdgeLabel_OverlapsANode()
    {
        var hidden = from e in Layout.Edges
                     from n in Layout.Nodes
                     where e.Label.Overlaps(n.Box)
                     select $"{e.Flow.Id} label {e.Label} under node {n.RoleId} {n.Box}";

        Assert.Empty(hidden);
    }

    [Fact]
    public void Layout_NoTwoEdgeLabels_Overlap()
    {
        var edges = Layout.Edges;
        var overlaps = new List<string>();
        for (var i = 0; i < edges.Count; i++)
        {
            for (var j = i + 1; j < edges.Count; j++)
            {
                if (edges[i].Label.Overlaps(edges[j].Label)) overlaps.Add($"{edges[i].Flow.Id} {edges[i].Label} / {edges[j].Flow.Id} {edges[j].Label}");
            }
        }

        Assert.Empty(overlaps);
    }

    [Fact]
    public void Layout_FlowsOfSamePair_GetDistinctCurves()
    {
        foreach (var pair in Layout.Edges.GroupBy(e => string.CompareOrdinal(e.Flow.From, e.Flow.To) < 0 ? (e.Flow.From, e.Flow.To) : (e.Flow.To, e.Flow.From)))
        {
            Assert.Equal(pair.Count(), pair.Select(e => e.Path).Distinct().Count());
        }
    }

    [Fact]
    public void Layout_EachLabel_SitsOnItsOwnCurve()
    {
        foreach (var edge in Layout.Edges)
        {
            // The label's centre is a point of its curve: sample the curve and find it within a pixel.
            var numbers = edge.Path.Split(' ').Where(s => double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _))
                .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var (sx, sy, cx, cy, ex, ey) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
            var nearest = Enumerable.Range(0, 1001).Select(i => i / 1000.0).Min(t =>
            {
                var x = (1 - t) * (1 - t) * sx + 2 * (1 - t) * t * cx + t * t * ex;
                var y = (1 - t) * (1 - t) * sy + 2 * (1 - t) * t * cy + t * t * ey;
                return Math.Sqrt(Math.Pow(x - edge.LabelX, 2) + Math.Pow(y - edge.LabelY, 2));
            });
            Assert.True(nearest < 1.5, $"{edge.Flow.Id}: label {nearest:0.0} px off its curve");
        }
    }

    [Fact]
    public void Layout_Nodes_SitWhereTheCatalogueLayoutPutsThem()
    {
        // Receiver at the top of the left column, AppClarity on the right edge: the data decides, not the code.
        var receiver = Layout.Nodes.Single(n => n.RoleId == "Receiver");
        var appClarity = Layout.Nodes.Single(n => n.RoleId == "AppClarity");
        Assert.Equal(DiagramLayout.NodeWidth / 2 + 10, receiver.X, 3);
        Assert.Equal(DiagramLayout.Width - DiagramLayout.NodeWidth / 2 - 10, appClarity.X, 3);
        Assert.True(receiver.Y < Layout.Nodes.Single(n => n.RoleId == "Client").Y);
    }

    [Fact]
    public void Layout_RoleWithoutLayoutData_GetsAFreePlaceAndItsFlowsAreDrawn()
    {
        var catalogue = Catalogue with
        {
            Roles = [.. Catalogue.Roles, new RoleDefinition("ReportingServer", "Reporting server", "shopping", true)],
            Flows = [.. Catalogue.Flows, Catalogue.FindFlow("website-shoppingdb-sql")! with { Id = "reporting-shoppingdb-sql", From = "ReportingServer" }],
        };

        var layout = new DiagramLayout(catalogue);

        var added = layout.Nodes.Single(n => n.RoleId == "ReportingServer");
        Assert.All(layout.Nodes.Where(n => n != added), n => Assert.False(n.Box.Inflate(10).Overlaps(added.Box), $"{n.RoleId} under the new role"));
        Assert.True(added.Box.X >= 0 && added.Box.Right <= DiagramLayout.Width && added.Box.Y >= 0 && added.Box.Bottom <= DiagramLayout.Height, $"{added.Box}");
        Assert.Contains(layout.Edges, e => e.Flow.Id == "reporting-shoppingdb-sql");
    }

    [Fact]
    public void Layout_LoopbackTargetWithoutLayoutData_IsPlacedBesideItsSource()
    {
        var roles = Catalogue.Roles.Select(r => r.Id == "TachyonAgent" ? r with { Layout = null } : r).ToList();
        var layout = new DiagramLayout(Catalogue with { Roles = roles });

        var (client, tachyon) = (layout.Nodes.Single(n => n.RoleId == "Client"), layout.Nodes.Single(n => n.RoleId == "TachyonAgent"));
        Assert.True(Math.Abs(client.X - tachyon.X) + Math.Abs(client.Y - tachyon.Y) < 2.5 * DiagramLayout.NodeWidth, $"{tachyon.X},{tachyon.Y} from {client.X},{client.Y}");
    }
}
