using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Outbox;

public sealed class ResultQueueTests
{
    [Fact]
    public void Peek_UntilAcknowledged_ReturnsSameBatchId()
    {
        var queue = new ResultQueue();
        queue.Add(Result("a"));
        queue.Add(Result("b"));

        var first = queue.Peek(10)!;
        queue.Add(Result("c"));
        var again = queue.Peek(10)!;

        Assert.Equal(first.BatchId, again.BatchId);
        Assert.Equal(2, again.Results.Count);
    }

    [Fact]
    public void Acknowledge_RemovesOnlyThatBatch()
    {
        var queue = new ResultQueue();
        for (var i = 0; i < 5; i++) queue.Add(Result($"p{i}"));

        var batch = queue.Peek(3)!;
        queue.Acknowledge(Guid.NewGuid());
        Assert.Equal(5, queue.Count);
        queue.Acknowledge(batch.BatchId);

        Assert.Equal(2, queue.Count);
        var next = queue.Peek(3)!;
        Assert.NotEqual(batch.BatchId, next.BatchId);
        Assert.Equal(["p3", "p4"], next.Results.Select(r => r.ProbeId.Split('/')[1]));
    }

    [Fact]
    public void Peek_Empty_ReturnsNull() => Assert.Null(new ResultQueue().Peek(10));

    private static ProbeResultDto Result(string id) =>
        new($"flow/{id}/1", "flow", ProbeOutcome.Reachable, 1, null, DateTimeOffset.UtcNow);
}
