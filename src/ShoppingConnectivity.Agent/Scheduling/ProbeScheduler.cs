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
                .StartAt(now + Jitter(probe.ProbeId, interval))
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever())
                .Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        }

        logger.LogInformation("Plan {Version} in force: {Count} probes.", plan.Version, plan.Probes.Count);
    }

    /// <summary>A stable offset within the first interval (at most 5 s), so a restart does not bunch every probe together.</summary>
    internal static TimeSpan Jitter(string probeId, TimeSpan interval)
    {
        var spreadMs = Math.Min(interval.TotalMilliseconds, 5000);
        var hash = (uint)StringComparer.Ordinal.GetHashCode(probeId);
        return TimeSpan.FromMilliseconds(hash % Math.Max(1, spreadMs));
    }
}
