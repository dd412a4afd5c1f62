using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Core.Tests.Outcomes;

public class HintsTests
{
    [Fact]
    public void For_TimedOut_BlamesAFirewallBetweenTheTwoHostsOnThePort()
    {
        var hint = Hints.For(ProbeOutcome.TimedOut, "web01", "dc01", 389);

        Assert.Contains("firewall between web01 and dc01 drops TCP 389", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Refused_SaysTheHostIsUpButNothingListens()
    {
        var hint = Hints.For(ProbeOutcome.Refused, "web01", "sql01", 1433);

        Assert.Contains("sql01 is up but refuses TCP 1433", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void For_DnsFailed_NamesTheNameToFix()
    {
        Assert.Contains("cannot resolve 'sql01'", Hints.For(ProbeOutcome.DnsFailed, "web01", "sql01", 1433), StringComparison.Ordinal);
    }

    [Fact]
    public void For_ReachableButDegraded_AsksToFixBeforeItBreaks()
    {
        Assert.Contains("not healthily", Hints.For(ProbeOutcome.Reachable, "web01", "dc01", 636, degraded: true), StringComparison.Ordinal);
        Assert.Equal("Open.", Hints.For(ProbeOutcome.Reachable, "web01", "dc01", 636));
    }

    [Fact]
    public void For_EveryOutcome_GivesAHint()
    {
        Assert.All(Enum.GetValues<ProbeOutcome>(), o => Assert.False(string.IsNullOrWhiteSpace(Hints.For(o, "a", "b", 1))));
    }
}
