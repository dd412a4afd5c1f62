using ShoppingConnectivity.Agent.Timing;

namespace ShoppingConnectivity.Agent.Tests.Timing;

/// <summary>Token sources cancelled at their timeout on the agent's clock, or with their outer token.</summary>
public sealed class DeadlineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Deadline_TimeoutPasses_Cancels()
    {
        using var deadline = new Deadline(TimeSpan.FromMilliseconds(50), CancellationToken.None);

        await Task.Delay(Timeout.InfiniteTimeSpan, deadline.Token).ContinueWith(_ => { }).WaitAsync(Wait);

        Assert.True(deadline.IsCancellationRequested);
    }

    [Fact]
    public void Deadline_OuterCancelled_CancelsAtOnce()
    {
        using var outer = new CancellationTokenSource();
        using var deadline = new Deadline(TimeSpan.FromMinutes(5), outer.Token);

        outer.Cancel();

        Assert.True(deadline.IsCancellationRequested);
    }

    [Fact]
    public void Deadline_OuterAlreadyCancelled_StartsCancelled()
    {
        using var deadline = new Deadline(TimeSpan.FromMinutes(5), new CancellationToken(canceled: true));

        Assert.True(deadline.IsCancellationRequested);
    }

    [Fact]
    public void Deadline_Disposed_OuterCancelLaterIsHarmlessAndTheTimerIsGone()
    {
        using var clock = new AgentClock();
        using var outer = new CancellationTokenSource();
        var deadline = new Deadline(TimeSpan.FromMinutes(5), outer.Token, clock);
        Assert.Equal(1, clock.ArmedCount);

        deadline.Dispose();
        outer.Cancel();

        Assert.Equal(0, clock.ArmedCount);
    }
}
