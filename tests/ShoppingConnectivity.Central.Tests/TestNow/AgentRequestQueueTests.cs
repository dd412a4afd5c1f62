using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.TestNow;

namespace ShoppingConnectivity.Central.Tests.TestNow;

public sealed class AgentRequestQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(25);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<AgentRequestQueue> _logger = new();
    private readonly AgentRequestQueue _queue;

    public AgentRequestQueueTests() => _queue = new AgentRequestQueue(_clock, _logger);

    [Fact]
    public async Task WaitAsync_RequestQueuedBefore_AnswersAtOnceWithIt()
    {
        var id = Guid.NewGuid();
        _queue.Enqueue(id, "web01", ["p1", "p2"]);

        var requests = await _queue.WaitAsync("WEB01", Wait, CancellationToken.None);

        var request = Assert.Single(requests);
        Assert.Equal(id, request.RequestId);
        Assert.Equal(["p1", "p2"], request.ProbeIds);
        Assert.Equal(AgentRequestState.PickedUp, Assert.Single(_queue.StatusOf(id)).State);
    }

    [Fact]
    public async Task WaitAsync_RequestQueuedWhileWaiting_AnswersWithItWithoutTimePassing()
    {
        var waiting = _queue.WaitAsync("web01", Wait, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        var id = Guid.NewGuid();
        _queue.Enqueue(id, "web01", ["p1"]);

        var requests = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(id, Assert.Single(requests).RequestId);
    }

    [Fact]
    public async Task WaitAsync_NothingQueued_EmptyAfterTheWait()
    {
        var waiting = _queue.WaitAsync("web01", Wait, CancellationToken.None);

        _clock.Advance(Wait - TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitAsync_RequestForAnotherAgent_KeepsWaiting()
    {
        var shortWait = TimeSpan.FromSeconds(5); // within the pickup timeout: web02's request is still there after it
        var waiting = _queue.WaitAsync("web01", shortWait, CancellationToken.None);

        _queue.Enqueue(Guid.NewGuid(), "web02", ["p1"]);
        _clock.Advance(shortWait);

        Assert.Empty(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        var forWeb02 = _queue.WaitAsync("web02", Wait, CancellationToken.None);
        Assert.True(forWeb02.IsCompleted);
        Assert.Single(await forWeb02);
    }

    [Fact]
    public async Task WaitAsync_TwoRequestsQueued_HandsOutBothInOrder()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        _queue.Enqueue(first, "web01", ["p1"]);
        _queue.Enqueue(second, "web01", ["p2"]);

        var requests = await _queue.WaitAsync("web01", Wait, CancellationToken.None);

        Assert.Equal([first, second], requests.Select(r => r.RequestId));
    }

    [Fact]
    public void StatusOf_NotPickedUpWithinTimeout_ExpiredAndLoggedNamingTheAgent()
    {
        var id = Guid.NewGuid();
        _queue.Enqueue(id, "web02", ["p1"]);
        _clock.Advance(AgentRequestQueue.PickupTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AgentRequestState.Queued, Assert.Single(_queue.StatusOf(id)).State);

        _clock.Advance(TimeSpan.FromMilliseconds(1));

        var status = Assert.Single(_queue.StatusOf(id));
        Assert.Equal(AgentRequestState.Expired, status.State);
        Assert.False(status.EverPolled);
        var warning = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("web02", warning.Message, StringComparison.Ordinal);
        Assert.Contains("never long-polled", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitAsync_AfterTheRequestExpired_DoesNotHandItOut()
    {
        var id = Guid.NewGuid();
        _queue.Enqueue(id, "web01", ["p1"]);
        _clock.Advance(AgentRequestQueue.PickupTimeout);

        var waiting = _queue.WaitAsync("web01", TimeSpan.FromSeconds(1), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AgentRequestState.Expired, Assert.Single(_queue.StatusOf(id)).State);
    }

    [Fact]
    public async Task EverPolled_AfterALongPoll_True()
    {
        Assert.False(_queue.EverPolled("web01"));

        var waiting = _queue.WaitAsync("web01", TimeSpan.FromSeconds(1), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(_queue.EverPolled("Web01"));
    }

    [Fact]
    public void StatusOf_UnknownRequest_Empty() => Assert.Empty(_queue.StatusOf(Guid.NewGuid()));

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _queue.WaitAsync("web01", Wait, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
