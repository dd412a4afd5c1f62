using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Live;

public sealed class LiveStateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static LiveState NewLive(CentralOptions? options = null)
    {
        var o = Options.Create(options ?? new CentralOptions());
        var estate = TestEstates.Empty(o);
        return new LiveState(FlowCatalogue.Default, estate, o, TimeProvider.System);
    }

    private static LinkSnapshot Link(string agent, string flow, string target, ProbeOutcome outcome) =>
        new(agent, $"{flow}/{target}/1", flow, target, 1, outcome, Now, Now, null, null, 60);

    [Fact]
    public void Apply_LinkOfOneFlow_OtherEdgesKeepTheirInstance()
    {
        var live = NewLive();
        var before = live.Edges;

        live.Apply([Link("web01", "website-shoppingdb-sql", "sql01", ProbeOutcome.Reachable)]);
        var after = live.Edges;

        var changed = before.Zip(after).Where(p => !ReferenceEquals(p.First, p.Second)).Select(p => p.Second.FlowId).ToList();
        Assert.Equal(["website-shoppingdb-sql"], changed);
        Assert.Equal(EdgeColour.Green, after.Single(e => e.FlowId == "website-shoppingdb-sql").Colour);
    }

    [Fact]
    public void Apply_ManyBatches_RaisesChangedPerBatchAndVersionGrows()
    {
        var live = NewLive();
        var raised = 0;
        live.Changed += () => raised++;
        var version = live.Version;

        for (var i = 0; i < 100; i++) live.Apply([Link($"pc{i}", "client-dc-ldap", "dc01", ProbeOutcome.Reachable)]);

        Assert.Equal(100, raised);
        Assert.Equal(version + 100, live.Version);
        Assert.Equal("100 / 100 reachable", live.Edges.Single(e => e.FlowId == "client-dc-ldap").Share);
    }

    [Fact]
    public void Thresholds_FromSettings_ColourTheEdges()
    {
        var live = NewLive(new CentralOptions { ServerBrokenShare = 0.5 });

        live.Apply([Link("web01", "website-dc-ldap", "dc01", ProbeOutcome.TimedOut), Link("web01", "website-dc-ldap", "dc02", ProbeOutcome.Reachable),
            Link("web01", "website-dc-ldap", "dc03", ProbeOutcome.Reachable)]);

        Assert.Equal(EdgeColour.Amber, live.Edges.Single(e => e.FlowId == "website-dc-ldap").Colour);
    }

    [Fact]
    public void Blame_FromSettings_NeedsTheConfiguredNumberOfSources()
    {
        var strict = NewLive(new CentralOptions { Blame = new BlameOptions { MinSources = 4 } });
        var lenient = NewLive();
        LinkSnapshot[] links = [.. Enumerable.Range(0, 3).Select(i => Link($"pc{i}", "client-dc-ldap", "dc01", ProbeOutcome.TimedOut))];
        strict.Apply(links);
        lenient.Apply(links);

        Assert.Equal(BlameKind.Edge, Assert.Single(strict.Blame).Kind);
        Assert.Equal("dc01: unreachable from 3 of 3 sources on 1 flow", Assert.Single(lenient.Blame).Text);
    }

    [Fact]
    public void Blame_LocatedAgainFindingTheSame_KeepsItsListUntilAMarkChanges()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var o = Options.Create(new CentralOptions());
        var live = new LiveState(FlowCatalogue.Default, TestEstates.Empty(o, clock), o, clock);
        live.Apply([.. Enumerable.Range(0, 3).Select(i => Link($"pc{i}", "client-dc-ldap", "dc01", ProbeOutcome.TimedOut))]);
        var first = live.Blame;

        // Heard from again, the same answers, past the marks' greatest age: located again, the same marks.
        clock.Advance(TimeSpan.FromSeconds(6));
        live.Apply([.. Enumerable.Range(0, 3).Select(i => Link($"pc{i}", "client-dc-ldap", "dc01", ProbeOutcome.TimedOut))]);
        Assert.Same(first, live.Blame);

        // A fourth source fails: the mark's text changes, so does the list.
        clock.Advance(TimeSpan.FromSeconds(6));
        live.Apply([Link("pc3", "client-dc-ldap", "dc01", ProbeOutcome.TimedOut)]);
        var now = live.Blame;
        Assert.NotSame(first, now);
        Assert.Equal("dc01: unreachable from 4 of 4 sources on 1 flow", Assert.Single(now).Text);
    }

    [Fact]
    public void LinksFromAndTo_FilterByHost_LoopbackNotCountedAsInbound()
    {
        var live = NewLive();
        live.Apply([Link("pc1", "client-dc-ldap", "dc01", ProbeOutcome.Reachable), Link("pc1", "client-tachyon-http", "pc1", ProbeOutcome.Reachable),
            Link("pc2", "client-dc-ldap", "dc01", ProbeOutcome.Reachable)]);

        Assert.Equal(2, live.LinksFrom("PC1").Count);
        Assert.Equal(2, live.LinksTo("dc01").Count);
        Assert.Empty(live.LinksTo("pc1"));
    }
}
