using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Outbox;

/// <summary>
/// Results waiting for central, oldest first. A batch leaves the queue only after central acknowledged it,
/// so results survive central being down for as long as the process runs (a disk outbox is issue #3).
/// </summary>
public sealed class ResultQueue
{
    private readonly Lock _gate = new();
    private readonly List<ProbeResultDto> _items = [];
    private PendingBatch? _inFlight;

    public sealed record PendingBatch(Guid BatchId, IReadOnlyList<ProbeResultDto> Results);

    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    public void Add(ProbeResultDto result)
    {
        lock (_gate) _items.Add(result);
    }

    /// <summary>The next batch to send; the same batch (same id) again until it is acknowledged, so central can drop a repeat.</summary>
    public PendingBatch? Peek(int maxSize)
    {
        lock (_gate)
        {
            if (_inFlight is not null) return _inFlight;
            if (_items.Count == 0) return null;
            _inFlight = new PendingBatch(Guid.NewGuid(), _items.Take(maxSize).ToList());
            return _inFlight;
        }
    }

    public void Acknowledge(Guid batchId)
    {
        lock (_gate)
        {
            if (_inFlight?.BatchId != batchId) return;
            _items.RemoveRange(0, _inFlight.Results.Count);
            _inFlight = null;
        }
    }
}
