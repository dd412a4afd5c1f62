using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>
/// Runs every probe of the plan in force on its own interval, spread over the interval so probes do not fire
/// together, and writes each result to the outbox. A new plan replaces the old one's probes without a restart.
/// </summary>
/// <remarks>
/// One small loop per probe (wait, probe, queue the result), not a Quartz job per probe: a Quartz firing costs a
/// trigger store round, a DI scope, a job object and several thread hand-offs, several times the CPU of the TCP
/// connect it schedules, and the agent fires probes all day on every host (docs/benchmarks.md, "Agent footprint").
/// A probe never overlaps itself; a run that overruns its interval skips the slots it missed.
/// </remarks>
public sealed class ProbeScheduler(ProbeRunner runner, ResultQueue queue, TimeProvider clock, ILogger<ProbeScheduler> logger) : IHostedService
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private CancellationTokenSource? _plan;
    private AgentPlan? _current;

    /// <summary>Puts <paramref name="plan"/> in force: the previous plan's probes stop (a probe running finishes and keeps its result).</summary>
    public Task ApplyAsync(AgentPlan plan, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested) return Task.CompletedTask;
            _plan?.Cancel();
            _plan?.Dispose();
            _plan = new CancellationTokenSource();
            _current = plan;
            _loops.RemoveAll(t => t.IsCompleted);
            // Without a policy (an older central) no result is urgent: the push goes at its interval anyway.
            var urgentRuns = plan.Reporting?.UrgentRuns ?? 0;
            foreach (var probe in plan.Probes)
            {
                var interval = TimeSpan.FromSeconds(Math.Max(1, probe.IntervalSeconds));
                _loops.Add(RunAsync(probe, interval, now + TimestampTicks(Jitter(plan.HostName, probe.ProbeId, interval)), urgentRuns, _plan.Token));
            }
        }

        logger.LogInformation("Plan {Version} in force: {Count} probes.", plan.Version, plan.Probes.Count);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs the asked probes of the plan in force once, now, together (the probe runner's concurrency limit holds), and
    /// queues each result as urgent, so the push sends it at once; their loops keep their own slots. Probes the plan
    /// does not have (it changed since central asked) are skipped with a warning. Returns how many ran.
    /// </summary>
    public async Task<int> RunNowAsync(AgentRequest request)
    {
        AgentPlan? plan;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested) return 0;
            plan = _current;
        }

        var byId = plan?.Probes.ToDictionary(p => p.ProbeId, StringComparer.Ordinal) ?? [];
        var probes = request.ProbeIds.Distinct(StringComparer.Ordinal).Select(id => byId.GetValueOrDefault(id)).OfType<PlannedProbe>().ToList();
        if (probes.Count < request.ProbeIds.Count)
        {
            logger.LogWarning("Test now {RequestId}: {Missing} of the {Asked} probes asked are not in plan {Version}; they are skipped.",
                request.RequestId, request.ProbeIds.Count - probes.Count, request.ProbeIds.Count, plan?.Version ?? "(none yet)");
        }

        var results = await Task.WhenAll(probes.Select(ProbeOnceAsync));
        foreach (var result in results) Queue(result, urgent: true);
        logger.LogInformation("Test now {RequestId}: ran {Count} probes at central's request.", request.RequestId, results.Length);
        return results.Length;
    }

    /// <param name="due">When the first run is due, as a <see cref="TimeProvider.GetTimestamp"/> value (monotonic:
    /// a wall-clock change neither bunches nor stalls the probes).</param>
    /// <param name="urgentRuns">Results in a row after a change that go to central at once (<see cref="Reporting.IsUrgent"/>).</param>
    private async Task RunAsync(PlannedProbe probe, TimeSpan interval, long due, int urgentRuns, CancellationToken plan)
    {
        await Task.Yield(); // the caller holds the lock: start the loop on its own
        var step = TimestampTicks(interval);
        var run = new ResultRun(); // a new plan counts afresh: its first result is urgent
        try
        {
            while (true)
            {
                // On the agent's clock the delay ends on the clock's thread and the probe starts right there: one
                // thread wakes per probe run, not a timer thread and then a pool thread (docs/benchmarks.md).
                var wait = clock.GetElapsedTime(clock.GetTimestamp(), due);
                if (wait >= TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, clock, plan);
                if (plan.IsCancellationRequested) return;

                var result = await ProbeOnceAsync(probe);
                var urgent = urgentRuns > 0 && Reporting.IsUrgent(run.Add(result.Outcome, result.Degraded), urgentRuns);
                Queue(result, urgent);
                // The next slot still ahead: a probe slower than its interval skips what it missed instead of catching up.
                var now = clock.GetTimestamp();
                due += step;
                if (due <= now) due += step * ((now - due) / step + 1);
            }
        }
        catch (OperationCanceledException) when (plan.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The plan changed or the agent stops.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Probe}: the probe loop stopped; the next plan refresh restarts it.", probe.ProbeId);
        }
    }

    private async Task<ProbeResultDto> ProbeOnceAsync(PlannedProbe probe)
    {
        var at = clock.GetUtcNow();
        // Not cancelled by a plan change: a probe under way finishes and its result is kept.
        var finding = await runner.RunAsync(probe, _stopping.Token);
        logger.LogDebug("{Probe}: {Outcome} {Latency} ms", probe.ProbeId, finding.Outcome, finding.LatencyMs);
        return new ProbeResultDto(probe.ProbeId, probe.FlowId, finding.Outcome, finding.LatencyMs, finding.Detail, at, finding.Degraded);
    }

    private void Queue(ProbeResultDto result, bool urgent)
    {
        try
        {
            queue.Add(result, urgent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{Probe}: result of {At:O} lost, the outbox could not write it: {Reason}", result.ProbeId, result.At, ex.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (clock is AgentClock agentClock) agentClock.Failed += OnClockFailed;
        return Task.CompletedTask;
    }

    private void OnClockFailed(Exception ex) => logger.LogError(ex, "A timer of the agent's clock failed; the clock goes on.");

    private long TimestampTicks(TimeSpan span) => (long)(span.Ticks * (clock.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>Stops every probe and waits for those under way (their results reach the outbox), up to the host's stop timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] loops;
        lock (_gate)
        {
            _stopping.Cancel();
            _plan?.Cancel();
            loops = [.. _loops];
        }

        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (clock is AgentClock agentClock) agentClock.Failed -= OnClockFailed;
    }

    /// <summary>
    /// A stable offset within the first interval (at most a minute), different per host and probe: the probes of one
    /// agent do not fire together, and 50,000 clients with the same plan do not hit central (or a DC) in the same second.
    /// </summary>
    internal static TimeSpan Jitter(string hostName, string probeId, TimeSpan interval)
    {
        var spreadMs = (uint)Math.Max(1, Math.Min(interval.TotalMilliseconds, 60_000));
        return TimeSpan.FromMilliseconds(StableHash(hostName.ToLowerInvariant() + "|" + probeId) % spreadMs);
    }

    /// <summary>FNV-1a: string.GetHashCode differs per process, which would move every probe at each restart.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
