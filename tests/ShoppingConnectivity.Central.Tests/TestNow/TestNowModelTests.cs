using ShoppingConnectivity.Central.TestNow;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.TestNow;

public sealed class TestNowModelTests
{
    private const string Probe = "website-shoppingdb-sql/db01/1433";
    private static readonly DateTimeOffset Then = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    private static readonly TestNowAnswer Answer = new(TestNowVerdict.Asked, "edge website-shoppingdb-sql", "Asked web01", Guid.NewGuid(), Then,
        [new TestNowAsk("web01", "web01", [Probe, "website-shoppingdb-sql/db02/1433"])], []);

    private static LinkSnapshot Link(string probeId, DateTimeOffset lastAt, ProbeOutcome outcome = ProbeOutcome.Reachable) =>
        new("web01", probeId, "website-shoppingdb-sql", probeId.Split('/')[1], 1433, outcome, Then.AddHours(-1), lastAt, 3, null, 60);

    [Fact]
    public void Start_AskedProbes_OneWaitingRowEachNamedFromTheProbeId()
    {
        var model = new TestNowModel();

        model.Start(Answer, _ => []);

        Assert.Equal(["waiting", "waiting"], model.Rows.Select(r => r.State));
        Assert.Equal(("db01", 1433), (model.Rows[0].Target, model.Rows[0].Port));
        Assert.False(model.Done);
    }

    [Fact]
    public void Update_SameLastResultAsAtTheClick_StillWaiting()
    {
        var model = new TestNowModel();
        model.Start(Answer, _ => [Link(Probe, Then)]);

        Assert.False(model.Update(_ => [Link(Probe, Then)]));
        Assert.Equal("waiting", model.Rows[0].State);
    }

    [Fact]
    public void Update_FreshResult_RowAnsweredWithItsOutcome()
    {
        var model = new TestNowModel();
        model.Start(Answer, _ => [Link(Probe, Then)]);

        // The agent's clock may be behind central's: a different last result is fresh, whatever its time.
        Assert.True(model.Update(_ => [Link(Probe, Then.AddSeconds(-30), ProbeOutcome.Refused)]));

        Assert.Equal(ProbeOutcome.Refused, model.Rows[0].Outcome);
        Assert.Equal("waiting", model.Rows[1].State);
        Assert.Equal(1, model.AnsweredCount);
    }

    [Fact]
    public void Update_ResultStoredBetweenTheAskAndTheStart_AnsweredAgainstTheServicesBaseline()
    {
        // The service read Then before queuing; the agent's fresh result (Then + 1 s) was in the live state at Start.
        var answer = Answer with { Asked = [new TestNowAsk("web01", "web01", [Probe], new Dictionary<string, LinkSnapshot> { [Probe] = Link(Probe, Then) })] };
        var model = new TestNowModel();
        model.Start(answer, _ => [Link(Probe, Then.AddSeconds(1))]);

        Assert.True(model.Update(_ => [Link(Probe, Then.AddSeconds(1))]));

        Assert.True(model.Done);
        Assert.Equal(Then.AddSeconds(1), model.Rows[0].At);
    }

    [Fact]
    public void Update_NoLinkBeforeTheAskButOneAtTheStart_Answered()
    {
        var answer = Answer with { Asked = [new TestNowAsk("web01", "web01", [Probe], new Dictionary<string, LinkSnapshot>())] };
        var model = new TestNowModel();
        model.Start(answer, _ => [Link(Probe, Then)]);

        Assert.True(model.Update(_ => [Link(Probe, Then)]));
        Assert.True(model.Done);
    }

    [Fact]
    public void Update_FirstResultOfANewLink_Answered()
    {
        var model = new TestNowModel();
        model.Start(Answer, _ => []);

        model.Update(_ => [Link("website-shoppingdb-sql/db02/1433", Then)]);

        Assert.Equal("answered", model.Rows[1].State);
    }

    [Fact]
    public void Expire_AgentNeverPickedUp_RowsDroppedAndSaidWhy()
    {
        var model = new TestNowModel();
        model.Start(Answer, _ => []);
        IReadOnlyList<AgentRequestStatus> status = [new("web01", AgentRequestState.Expired, Then.AddSeconds(10), EverPolled: false)];

        Assert.True(model.Expire(status));

        Assert.All(model.Rows, r => Assert.Equal("dropped", r.State));
        Assert.True(model.Done);
        Assert.Equal(model.DroppedTexts(status), model.Dropped);
        Assert.Contains("web01 did not pick the request up within 10 s (it never listened", Assert.Single(model.DroppedTexts(status)), StringComparison.Ordinal);
    }
}
