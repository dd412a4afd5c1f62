using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Text;

namespace ShoppingConnectivity.Central.Tests.Live;

public sealed class LiveExtensionsTests
{
    [Fact]
    public void ToSnapshot_RowsRepeatingTextsThroughOnePool_OneInstanceEach()
    {
        var texts = new StringPool();

        var first = Row("pc01").ToSnapshot(texts);
        var second = Row("pc02").ToSnapshot(texts);

        Assert.Same(first.ProbeId, second.ProbeId);
        Assert.Same(first.FlowId, second.FlowId);
        Assert.Same(first.TargetHost, second.TargetHost);
        Assert.Same(first.Detail, second.Detail);
        Assert.Equal(("pc01", "pc02"), (first.AgentId, second.AgentId));
    }

    [Fact]
    public void ToSnapshot_WithoutAPool_TheRowsOwnTextsAndEveryField()
    {
        var row = Row("pc01");

        var link = row.ToSnapshot();

        Assert.Same(row.ProbeId, link.ProbeId);
        Assert.Equal((row.AgentId, row.FlowId, row.TargetHost, row.Port, row.Outcome, row.Since, row.LastAt, row.LatencyMs, row.Detail, row.IntervalSeconds, row.Degraded),
            (link.AgentId, link.FlowId, link.TargetHost, link.Port, link.Outcome, link.Since, link.LastAt, link.LatencyMs, link.Detail, link.IntervalSeconds, link.Degraded));
    }

    /// <summary>A row as read from the database: texts in instances of their own.</summary>
    private static LinkRecord Row(string agentId) => new()
    {
        AgentId = agentId, ProbeId = Copy("client-dc-ldap/dc01/389"), FlowId = Copy("client-dc-ldap"), TargetHost = Copy("dc01"), Port = 389,
        Outcome = ProbeOutcome.Reachable, Since = DateTimeOffset.UnixEpoch, LastAt = DateTimeOffset.UnixEpoch.AddMinutes(1), LatencyMs = 2.5,
        Detail = Copy("rootDSE read anonymously"), IntervalSeconds = 60, Degraded = true,
    };

    private static string Copy(string text) => new(text.AsSpan());
}
