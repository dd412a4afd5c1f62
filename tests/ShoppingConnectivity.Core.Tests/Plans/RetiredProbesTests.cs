using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Core.Tests.Plans;

public class RetiredProbesTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset Changed = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An estate with one host per entry ("web01:Website+CentralService").</summary>
    private static Estate With(params string[] hosts) => Estate.Empty(Catalogue) with
    {
        Hosts = hosts.Select(h => h.Split(':')).Select(h => new EstateHost(h[0], "127.0.0.1", h[1].Split('+'), new Dictionary<string, int>())).ToList(),
    };

    private static readonly Estate Before = With("web01:Website", "sql01:ShoppingDb", "sql02:ShoppingDb");

    [Fact]
    public void Record_TargetRemoved_ItsProbesLeaveThePlansThatHadThem()
    {
        var retired = new RetiredProbes();

        var count = retired.Record(Catalogue, Before, With("web01:Website", "sql01:ShoppingDb"), Changed);

        Assert.Equal(1, count);
        Assert.Equal([("website-shoppingdb-sql/sql02/1433", "website-shoppingdb-sql")], retired.Of("web01", Changed));
        Assert.Empty(retired.Of("sql01", Changed));
    }

    [Fact]
    public void Record_HostRemovedOrRoleDropped_EveryProbeOfItsPlanLeaves()
    {
        var retired = new RetiredProbes();

        retired.Record(Catalogue, Before, With("sql01:ShoppingDb", "sql02:ShoppingDb", "web02:Website"), Changed);

        Assert.Equal(["website-shoppingdb-sql/sql01/1433", "website-shoppingdb-sql/sql02/1433"], retired.Of("WEB01", Changed).Select(p => p.ProbeId).Order());
        Assert.Empty(retired.Of("web02", Changed));
    }

    [Fact]
    public void Record_NothingChanged_NothingLeaves()
    {
        var retired = new RetiredProbes();

        Assert.Equal(0, retired.Record(Catalogue, Before, Before with { Name = "renamed" }, Changed));
        Assert.Equal(0, retired.Count);
    }

    [Fact]
    public void Of_AtTheEndOfTheWindow_TakenThenForgotten()
    {
        var retired = new RetiredProbes();
        retired.Record(Catalogue, Before, With("web01:Website"), Changed);

        Assert.Equal(2, retired.Of("web01", Changed + RetiredProbes.Window).Count());
        Assert.Empty(retired.Of("web01", Changed + RetiredProbes.Window + TimeSpan.FromTicks(1)));
        Assert.Equal(2, retired.Count);
        retired.Prune(Changed + RetiredProbes.Window + TimeSpan.FromTicks(1));
        Assert.Equal(0, retired.Count);
    }

    [Fact]
    public void Record_ProbeBackAndGoneAgain_CountsFromItsLastDeparture()
    {
        var retired = new RetiredProbes();
        var without = With("web01:Website", "sql01:ShoppingDb");
        retired.Record(Catalogue, Before, without, Changed);
        retired.Record(Catalogue, without, Before, Changed.AddDays(10));
        retired.Record(Catalogue, Before, without, Changed.AddDays(20));

        Assert.Single(retired.Of("web01", Changed.AddDays(20) + RetiredProbes.Window));
    }
}
