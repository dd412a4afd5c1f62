namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>
/// Runs <typeparamref name="TJob"/> once at start and then every interval, at fixed times (a slow run skips the slots
/// it overran), never two runs at once; each run gets a DI scope of its own, so a typed HttpClient is fresh per run.
/// A fixed-interval loop for the plan and <see cref="PushScheduler"/> for the results are all the agent needs besides
/// its probes: a job scheduler (Quartz) would add threads, wake-ups and megabytes of code to every host for nothing
/// more (docs/benchmarks.md, "Agent footprint").
/// </summary>
public sealed class RecurringJobService<TJob>(IServiceScopeFactory scopes, TimeSpan interval, TimeProvider clock, ILogger<TJob> logger)
    : BackgroundService where TJob : IRecurringJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        var due = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The job handles the failures it expects; anything else is logged and the next run tries again.
                logger.LogError(ex, "{Job} failed; it runs again in {Seconds} s.", typeof(TJob).Name, interval.TotalSeconds);
            }

            var now = clock.GetUtcNow();
            due += interval;
            if (due <= now) due += interval * Math.Ceiling((now - due) / interval + 1e-9);
            try
            {
                await Task.Delay(due - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
