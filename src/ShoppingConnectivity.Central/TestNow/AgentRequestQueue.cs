using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// What central asks of each agent outside its plan ("Test now"), in memory, until the agent's long-poll
/// (<see cref="TestNowEndpoints"/>) takes it. A request no long-poll takes within <see cref="PickupTimeout"/> is dropped
/// and reported (<see cref="StatusOf"/>, and a warning in the log): the agent is older than the long-poll, or cannot reach
/// central, or polls another central node. Nothing survives a restart, which only loses clicks of the last seconds.
/// </summary>
public sealed class AgentRequestQueue(TimeProvider clock, ILogger<AgentRequestQueue> logger)
{
    /// <summary>A request not taken within this is dropped: a listening agent takes it at once, one between two polls within a second.</summary>
    public static readonly TimeSpan PickupTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a request's status can be read after it was made.</summary>
    public static readonly TimeSpan KeepStatus = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, Tracked> _requests = [];

    private sealed class Slot
    {
        public List<(AgentRequest Request, DateTimeOffset QueuedAt)> Pending { get; } = [];
        public TaskCompletionSource? Signal { get; set; }
        public bool EverPolled { get; set; }
    }

    private sealed record Tracked(DateTimeOffset At, Dictionary<string, AgentRequestStatus> Agents);

    /// <summary>Queues <paramref name="probeIds"/> for <paramref name="agentId"/> under <paramref name="requestId"/>; a waiting long-poll answers at once.</summary>
    public void Enqueue(Guid requestId, string agentId, IReadOnlyList<string> probeIds)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Forget(now);
            var slot = SlotOf(agentId);
            slot.Pending.Add((new AgentRequest(requestId, probeIds), now));
            if (!_requests.TryGetValue(requestId, out var tracked)) _requests[requestId] = tracked = new Tracked(now, new(StringComparer.OrdinalIgnoreCase));
            tracked.Agents[agentId] = new AgentRequestStatus(agentId, AgentRequestState.Queued, now, slot.EverPolled);
            slot.Signal?.TrySetResult();
            slot.Signal = null;
        }
    }

    /// <summary>
    /// The agent's long-poll: what is queued for it, at once if anything is, else as soon as something is, else an
    /// empty list after <paramref name="wait"/> (on central's clock).
    /// </summary>
    public async Task<IReadOnlyList<AgentRequest>> WaitAsync(string agentId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + wait;
        while (true)
        {
            Task signal;
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                var slot = SlotOf(agentId);
                slot.EverPolled = true;
                var taken = Take(agentId, slot, now);
                if (taken.Count > 0) return taken;
                slot.Signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                signal = slot.Signal.Task;
            }

            var left = until - now;
            if (left <= TimeSpan.Zero) return [];
            try
            {
                await signal.WaitAsync(left, clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                return [];
            }
        }
    }

    /// <summary>Each agent's part of <paramref name="requestId"/>, in the order queued; empty when unknown or forgotten.</summary>
    public IReadOnlyList<AgentRequestStatus> StatusOf(Guid requestId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_requests.TryGetValue(requestId, out var tracked)) return [];
            foreach (var agentId in tracked.Agents.Keys.ToList())
            {
                if (_slots.TryGetValue(agentId, out var slot)) DropExpired(agentId, slot, now);
            }

            return tracked.Agents.Values.ToList();
        }
    }

    /// <summary>Whether <paramref name="agentId"/> has long-polled this central since it started.</summary>
    public bool EverPolled(string agentId)
    {
        lock (_gate) return _slots.TryGetValue(agentId, out var slot) && slot.EverPolled;
    }

    private Slot SlotOf(string agentId)
    {
        if (!_slots.TryGetValue(agentId, out var slot)) _slots[agentId] = slot = new Slot();
        return slot;
    }

    /// <summary>Under the gate: drops what expired, hands out the rest.</summary>
    private List<AgentRequest> Take(string agentId, Slot slot, DateTimeOffset now)
    {
        DropExpired(agentId, slot, now);
        var taken = slot.Pending.Select(p => p.Request).ToList();
        slot.Pending.Clear();
        foreach (var request in taken)
        {
            if (_requests.TryGetValue(request.RequestId, out var tracked))
                tracked.Agents[agentId] = new AgentRequestStatus(agentId, AgentRequestState.PickedUp, now, true);
        }

        return taken;
    }

    private void DropExpired(string agentId, Slot slot, DateTimeOffset now)
    {
        for (var i = slot.Pending.Count - 1; i >= 0; i--)
        {
            var (request, queuedAt) = slot.Pending[i];
            if (now - queuedAt < PickupTimeout) continue;
            slot.Pending.RemoveAt(i);
            if (_requests.TryGetValue(request.RequestId, out var tracked))
                tracked.Agents[agentId] = new AgentRequestStatus(agentId, AgentRequestState.Expired, queuedAt + PickupTimeout, slot.EverPolled);
            logger.LogWarning(
                "Test now {RequestId}: agent {AgentId} did not pick up the request within {Seconds:0} s ({Reason}); its {Count} probes were not run now.",
                request.RequestId, agentId, PickupTimeout.TotalSeconds,
                slot.EverPolled ? "it long-polled this central before" : "it never long-polled this central: an older agent, or its requests do not get through",
                request.ProbeIds.Count);
        }
    }

    /// <summary>Under the gate: forgets requests older than <see cref="KeepStatus"/> (their expired parts reported first).</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (id, tracked) in _requests.Where(r => now - r.Value.At > KeepStatus).ToList())
        {
            foreach (var agentId in tracked.Agents.Keys)
            {
                if (_slots.TryGetValue(agentId, out var slot)) DropExpired(agentId, slot, now);
            }

            _requests.Remove(id);
        }
    }
}
