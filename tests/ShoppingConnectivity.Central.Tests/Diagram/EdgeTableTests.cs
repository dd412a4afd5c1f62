using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Diagram;

/// <summary>The edge table under the diagram: plain markup in one component, sorted by its headers, a row opens its edge.</summary>
public sealed class EdgeTableTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly BunitContext _ctx = new();
    private readonly FakeTimeProvider _clock = new(Now);

    public EdgeTableTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddScoped<UserTimeZone>();
        _ctx.Services.AddSingleton(FlowCatalogue.Default);
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static EdgeState Edge(string flowId, EdgeColour colour, DateTimeOffset? since, int port = 1433)
    {
        var flow = FlowCatalogue.Default.FindFlow(flowId)!;
        return new EdgeState(flowId, flow.From, flow.To, [port], colour, "", $"{flowId} summary", new Dictionary<ProbeOutcome, int>(), 1, 0, since);
    }

    private static readonly EdgeState[] Edges =
    [
        Edge("website-shoppingdb-sql", EdgeColour.Green, Now.AddHours(-5), 14330),
        Edge("central-smtp", EdgeColour.Red, Now.AddMinutes(-2), 25),
        Edge("website-dc-ldap", EdgeColour.Red, Now.AddMinutes(-30), 389),
    ];

    private IRenderedComponent<EdgeTable> Render(string? selected = null, Action<string>? open = null) =>
        _ctx.Render<EdgeTable>(p => p
            .Add(t => t.Edges, Edges)
            .Add(t => t.Selected, selected)
            .Add(t => t.OnOpen, EventCallback.Factory.Create<string>(this, open ?? (_ => { }))));

    private static IEnumerable<string?> Rows(IRenderedComponent<EdgeTable> cut) =>
        cut.FindAll("tbody .edge-row-state").Select(e => e.GetAttribute("data-flow"));

    [Fact]
    public void Render_Edges_OneRowEachWorstFirstWithTheirPortsAndLabelsForPhones()
    {
        var cut = Render();

        Assert.Equal(["website-dc-ldap", "central-smtp", "website-shoppingdb-sql"], Rows(cut));
        var row = cut.Find(".edge-row-state[data-flow='website-shoppingdb-sql']").Closest("tr")!;
        Assert.Equal("14330", row.QuerySelector("td[data-label='TCP']")!.TextContent.Trim());
        Assert.Equal("website-shoppingdb-sql summary", row.QuerySelector("td[data-label='Links']")!.TextContent.Trim());
        Assert.Equal(["State", "From", "To", "TCP", "Links", "Since"], row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label")));
        Assert.Equal("ascending", cut.Find("th:has(.sort-state)").GetAttribute("aria-sort"));
    }

    [Fact]
    public void ClickHeader_SinceTwice_NewestChangeFirst()
    {
        var cut = Render();

        cut.Find(".sort-since").Click();
        Assert.Equal(["website-shoppingdb-sql", "website-dc-ldap", "central-smtp"], Rows(cut));
        cut.Find(".sort-since").Click();

        Assert.Equal(["central-smtp", "website-dc-ldap", "website-shoppingdb-sql"], Rows(cut));
        Assert.Equal("descending", cut.Find("th:has(.sort-since)").GetAttribute("aria-sort"));
        Assert.Equal("none", cut.Find("th:has(.sort-state)").GetAttribute("aria-sort"));
    }

    [Fact]
    public void ChooseSort_OnAPhone_SortedByTheChosenColumn()
    {
        var cut = Render();

        cut.Find(".edge-sort-select select").Change(nameof(EdgeTableColumn.Since));

        Assert.Equal(["website-shoppingdb-sql", "website-dc-ldap", "central-smtp"], Rows(cut));
    }

    [Fact]
    public void ClickRow_OpensItsEdgeAndTheOpenOneIsMarked()
    {
        string? opened = null;
        var cut = Render(selected: "central-smtp", open: id => opened = id);

        cut.Find(".edge-row-state[data-flow='website-dc-ldap']").Closest("tr")!.Click();

        Assert.Equal("website-dc-ldap", opened);
        Assert.Contains("selected-edge", cut.Find(".edge-row-state[data-flow='central-smtp']").Closest("tr")!.ClassList);
        Assert.Single(cut.FindAll("tr.selected-edge"));
    }

    [Fact]
    public void Refresh_EqualEdgesAgain_NotDrawnAgainUntilARowOrItsSinceChanges()
    {
        var cut = Render();
        var drawn = cut.RenderCount;

        // A live refresh: new edge states, equal to the old ones, a few seconds later ("2 min ago" still).
        _clock.Advance(TimeSpan.FromSeconds(5));
        cut.Render(p => p.Add(t => t.Edges, Edges.Select(e => e with { }).ToList()));
        Assert.Equal(drawn, cut.RenderCount);

        // One edge changed: drawn again, with its new state.
        cut.Render(p => p.Add(t => t.Edges, [Edges[0] with { Colour = EdgeColour.Red }, Edges[1], Edges[2]]));
        Assert.Equal(drawn + 1, cut.RenderCount);
        Assert.Equal("color:" + EdgePresenter.TextColour(EdgeColour.Red, false), cut.Find(".edge-row-state[data-flow='website-shoppingdb-sql']").GetAttribute("style"));

        // Nothing changed but the time: "since" moved on, so it is drawn again and stays true.
        _clock.Advance(TimeSpan.FromMinutes(1));
        cut.Render(p => p.Add(t => t.Edges, [Edges[0] with { Colour = EdgeColour.Red }, Edges[1], Edges[2]]));
        Assert.Equal(drawn + 2, cut.RenderCount);
        Assert.StartsWith("3 min ago", cut.Find(".edge-row-state[data-flow='central-smtp']").Closest("tr")!.QuerySelector("td[data-label='Since']")!.TextContent.Trim(),
            StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
