using Quartz;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>Keeps one Quartz job per planned probe, each on its own interval, spread over the interval so probes do not fire together.</summary>
public sealed class ProbeScheduler(ISchedulerFactory schedulers, TimeProvider clock, ILogger<ProbeScheduler> logger)
{
    public const string Group = "probes";

    public async Task ApplyAsync(AgentPlan plan, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken);
        await scheduler.DeleteJobs(existing.ToList(), cancellationToken);

        var now = clock.GetUtcNow();
        foreach (var probe in plan.Probes)
        {
            var interval = TimeSpan.FromSeconds(probe.IntervalSeconds);
            var job = JobBuilder.Create<ProbeJob>().WithIdentity(probe.ProbeId, Group).Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(probe.ProbeId, Group)
                .StartAt(now + Jitter(plan.HostName, probe.ProbeId, interval))
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever())
                .Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        }

        logger.LogInformation("Plan {Version} in force: {Count} probes.", plan.Version, plan.Probes.Count);
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
