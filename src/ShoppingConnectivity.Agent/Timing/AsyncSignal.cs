namespace ShoppingConnectivity.Agent.Timing;

/// <summary>
/// An auto-reset signal to await: <see cref="Set"/> releases the one waiter, or the next <see cref="WaitAsync"/> when
/// nobody waits yet. The waiter goes on on the thread that set it (no extra thread hand-off).
/// </summary>
public sealed class AsyncSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _waiter;
    private bool _set;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null) _set = true;
        }

        waiter?.TrySetResult(); // outside the lock: the waiter's code runs here
    }

    public Task WaitAsync()
    {
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return Task.CompletedTask;
            }

            return (_waiter ??= new TaskCompletionSource()).Task;
        }
    }
}
