using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;

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

    /// <summary>Puts <paramref name="plan"/> in force: the previous plan's probes stop (a probe running finishes and keeps its result).</summary>
    public Task ApplyAsync(AgentPlan plan, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested) return Task.CompletedTask;
            _plan?.Cancel();
            _plan?.Dispose();
            _plan = new CancellationTokenSource();
            _loops.RemoveAll(t => t.IsCompleted);
            foreach (var probe in plan.Probes)
            {
                var interval = TimeSpan.FromSeconds(Math.Max(1, probe.IntervalSeconds));
                _loops.Add(RunAsync(probe, interval, now + Jitter(plan.HostName, probe.ProbeId, interval), _plan.Token));
            }
        }

        logger.LogInformation("Plan {Version} in force: {Count} probes.", plan.Version, plan.Probes.Count);
        return Task.CompletedTask;
    }

    private async Task RunAsync(PlannedProbe probe, TimeSpan interval, DateTimeOffset due, CancellationToken plan)
    {
        await Task.Yield(); // the caller holds the lock: start the loop on its own
        try
        {
            while (true)
            {
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, plan);
                if (plan.IsCancellationRequested) return;

                await ProbeOnceAsync(probe);
                // The next slot still ahead: a probe slower than its interval skips what it missed instead of catching up.
                var now = clock.GetUtcNow();
                due += interval;
                if (due <= now) due += interval * Math.Ceiling((now - due) / interval + 1e-9);
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

    private async Task ProbeOnceAsync(PlannedProbe probe)
    {
        var at = clock.GetUtcNow();
        // Not cancelled by a plan change: a probe under way finishes and its result is kept.
        var finding = await runner.RunAsync(probe, _stopping.Token);
        logger.LogDebug("{Probe}: {Outcome} {Latency} ms", probe.ProbeId, finding.Outcome, finding.LatencyMs);
        var result = new ProbeResultDto(probe.ProbeId, probe.FlowId, finding.Outcome, finding.LatencyMs, finding.Detail, at, finding.Degraded);
        try
        {
            queue.Add(result);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{Probe}: result of {At:O} lost, the outbox could not write it: {Reason}", probe.ProbeId, at, ex.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
