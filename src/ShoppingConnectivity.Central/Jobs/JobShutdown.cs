using Microsoft.Extensions.Options;
using Quartz;

namespace ShoppingConnectivity.Central.Jobs;

/// <summary>
/// Ends the jobs quickly when central stops, just before Quartz's own shutdown (which waits for the running jobs to
/// end): the schedulers start no new fire, a running job gets <see cref="ShutdownOptions.JobGraceSeconds"/> to finish
/// its unit of work, then it is interrupted: its cancellation token fires and it abandons the unit (its transaction
/// is not committed; the next run after the restart does the work). Nothing a job does is acknowledged to an agent.
/// </summary>
public sealed class JobShutdown(ISchedulerFactory schedulers, IOptions<ShutdownOptions> options, TimeProvider clock, ILogger<JobShutdown> logger)
    : IHostedService
{
    /// <summary>How often the running jobs are looked at during the grace period.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <param name="cancellationToken">The host's hard cap (<see cref="ShutdownOptions.TimeoutSeconds"/>): reached, the jobs are interrupted at once.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromSeconds(options.Value.JobGraceSeconds);
        using var graceOver = new CancellationTokenSource(grace, clock);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(graceOver.Token, cancellationToken);
        // In-memory calls: the host's token is not passed, so they still run once the cap is reached.
        var all = await schedulers.GetAllSchedulers(CancellationToken.None);
        foreach (var scheduler in all.Where(Running)) await StandbyAsync(scheduler);

        var logged = false;
        while (await RunningAsync(all) is { Count: > 0 } running)
        {
            if (!logged)
            {
                logger.LogInformation("Central is stopping: waiting up to {Grace} s for {Jobs} to finish.", grace.TotalSeconds, Names(running));
                logged = true;
            }

            try
            {
                await Task.Delay(Poll, clock, interrupt.Token);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("{Jobs} still running {Grace} s after central began to stop: interrupted (the next run after the restart does the work).",
                    Names(running), grace.TotalSeconds);
                foreach (var (scheduler, job) in running) await scheduler.InterruptFireInstance(job.FireInstanceId, CancellationToken.None);
                return;
            }
        }
    }

    private static async Task StandbyAsync(IScheduler scheduler)
    {
        try
        {
            await scheduler.Standby(CancellationToken.None);
        }
        // Shut down between the look and the call (a host stopped while it was still starting): nothing left to halt.
        catch (SchedulerException) when (!Running(scheduler))
        {
        }
    }

    private static bool Running(IScheduler scheduler) => scheduler.Status is not (SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown);

    /// <summary>This node's executing fires (a clustered scheduler's store knows the other nodes' too).</summary>
    private static async Task<List<(IScheduler Scheduler, FireInstance Job)>> RunningAsync(IEnumerable<IScheduler> all)
    {
        var running = new List<(IScheduler, FireInstance)>();
        foreach (var scheduler in all.Where(Running))
        {
            var query = new FireInstanceQuery { SchedulerInstanceId = scheduler.SchedulerInstanceId, State = FireInstanceState.Executing };
            try
            {
                foreach (var job in (await scheduler.QueryFireInstances(query, CancellationToken.None)).Items) running.Add((scheduler, job));
            }
            // Shut down between the look and the query (seen once in CI as a test host was disposed): it runs nothing.
            catch (SchedulerException) when (!Running(scheduler))
            {
            }
        }

        return running;
    }

    private static string Names(IEnumerable<(IScheduler Scheduler, FireInstance Job)> running) =>
        string.Join(", ", running.Select(r => $"{r.Job.JobKey}"));
}
