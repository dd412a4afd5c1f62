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
    public void For_DnsFailedOnAnAddressOtherThanTheHostName_NamesTheAddressTheDetailNames()
    {
        var hint = Hints.For(ProbeOutcome.DnsFailed, "web01", "sql01", 1433, detail: "'sql01.contoso.example' did not resolve: HostNotFound.", address: "sql01.contoso.example");

        Assert.Contains("cannot resolve 'sql01.contoso.example' (sql01's address in the estate)", hint, StringComparison.Ordinal);
        // The same name as the host's: as before.
        Assert.Contains("cannot resolve 'sql01':", Hints.For(ProbeOutcome.DnsFailed, "web01", "sql01", 1433, address: "SQL01"), StringComparison.Ordinal);
    }

    [Fact]
    public void For_ReachableButDegraded_AsksToFixBeforeItBreaks()
    {
        Assert.Contains("not healthily", Hints.For(ProbeOutcome.Reachable, "web01", "dc01", 636, degraded: true), StringComparison.Ordinal);
        Assert.Equal("Open.", Hints.For(ProbeOutcome.Reachable, "web01", "dc01", 636));
    }

    [Fact]
    public void For_DynamicRpcPortFiltered_NamesTheDynamicPortAndTheRangeNot135()
    {
        var detail = DynamicRpcFailure.Describe("Port 135 of sms01", 49667, ProbeOutcome.TimedOut, "no answer within 3,000 ms", null);

        var hint = Hints.For(ProbeOutcome.TimedOut, "app01", "sms01", 135, detail: detail);

        Assert.Equal("sms01 answers on TCP 135 (the endpoint mapper), but a firewall between app01 and sms01 drops the dynamic RPC port 49667 it named: " +
            "open TCP 49152-65535 from app01 to sms01 (WMI/DCOM needs both).", hint);
    }

    [Fact]
    public void For_DynamicRpcPortRefused_SaysRefusedAndTheEstatesRange()
    {
        var detail = DynamicRpcFailure.Describe("Port 135 of sms01", 5003, ProbeOutcome.Refused, "ConnectionRefused (Connection refused)", "5000-5100");

        var hint = Hints.For(ProbeOutcome.Refused, "app01", "sms01", 135, detail: detail);

        Assert.Contains("the dynamic RPC port 5003 it named is refused: remove the firewall rule that rejects TCP 5000-5100 from app01", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void For_135ItselfTimedOut_IsTheUsualFirewallHintOn135()
    {
        var hint = Hints.For(ProbeOutcome.TimedOut, "app01", "sms01", 135, detail: "No answer from 10.0.0.5:135 within 3,000 ms.");

        Assert.Contains("drops TCP 135", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void For_EveryOutcome_GivesAHint()
    {
        Assert.All(Enum.GetValues<ProbeOutcome>(), o => Assert.False(string.IsNullOrWhiteSpace(Hints.For(o, "a", "b", 1))));
    }

    /// <summary>The hint for each cause the diagram names, read from the agent's detail as central reads it.</summary>
    [Theory]
    [InlineData("expires 2026-11-29 12:00 UTC (4 days left)", "Renew the certificate on dc01 before it expires; the connection still works.")]
    [InlineData("EXPIRED on 2026-11-23 12:00 UTC", "Renew the certificate on dc01 now: it has expired")]
    [InlineData("TLS 1.3, the server showed no certificate", "dc01 answers TLS on TCP 636 without a certificate")]
    [InlineData("slow handshake", "dc01 answers on TCP 636 but not healthily")]
    public void ForDegraded_EachCause_SaysWhatToDo(string detail, string hint)
    {
        var cause = DegradedCause.Of(detail, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)).Text;

        Assert.StartsWith(hint, Hints.ForDegraded(cause, "web01", "dc01", 636));
    }
}
