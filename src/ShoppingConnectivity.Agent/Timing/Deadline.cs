namespace ShoppingConnectivity.Agent.Timing;

/// <summary>
/// A token source cancelled at its timeout, on <see cref="AgentClock"/>, or when <c>outer</c> is cancelled: what
/// <c>CreateLinkedTokenSource(outer)</c> plus <c>CancelAfter(timeout)</c> would give, without a runtime timer per
/// probe (<see cref="CancelAfter(TimeSpan)"/> too stays on the agent's clock).
/// </summary>
public sealed class Deadline : CancellationTokenSource
{
    private readonly CancellationTokenRegistration _outer;

    public Deadline(TimeSpan timeout, CancellationToken outer, TimeProvider? clock = null)
        : base(timeout, clock ?? AgentClock.Shared)
    {
        // Registered after the base constructor: an outer token cancelled already cancels this one at once.
        _outer = outer.UnsafeRegister(static state => ((Deadline)state!).CancelQuietly(), this);
    }

    private void CancelQuietly()
    {
        try
        {
            Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the outer token was being cancelled: nobody is left to tell.
        }
    }

    protected override void Dispose(bool disposing)
    {
        // Waits for a running outer callback, so none runs after this.
        if (disposing) _outer.Dispose();
        base.Dispose(disposing);
    }
}
