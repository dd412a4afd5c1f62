using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>
/// Decides when the outbox goes to central (<see cref="PushJob"/> sends it): urgent results (a changed outcome and
/// the runs an alert rule counts after it, a backlog from before a restart or from while central was away) at once,
/// the rest when the oldest has waited the plan's <see cref="Contracts.ReportPolicy.QuietSeconds"/>; two pushes at
/// least <c>Agent:PushIntervalSeconds</c> apart, and further apart while central does not answer
/// (<see cref="Reporting.RetryDelay"/>, at most the plan's quiet time).
/// </summary>
/// <remarks>
/// Sleeps until a push is due: woken by the outbox when a result makes the push more pressing, or by one timer on
/// the agent's clock. A plan from a central without a reporting policy gets a push every PushIntervalSeconds, as
/// agents did before.
/// </remarks>
public sealed class PushScheduler(
    IServiceScopeFactory scopes,
    ResultQueue queue,
    PlanHolder plans,
    IOptions<AgentOptions> options,
    TimeProvider clock,
    ILogger<PushScheduler> logger) : BackgroundService
{
    private readonly AsyncSignal _signal = new();
    private Action? _kick;
    private int _now;

    /// <summary>
    /// Sends what waits at once, even within <c>Agent:PushIntervalSeconds</c> of the last push (not while central is
    /// failing: the back-off holds): central asked for these results ("Test now") and someone is looking.
    /// </summary>
    public void PushNow()
    {
        Volatile.Write(ref _now, 1);
        Volatile.Read(ref _kick)?.Invoke();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        var spacing = TimeSpan.FromSeconds(options.Value.PushIntervalSeconds);
        using var timer = clock.CreateTimer(static s => ((AsyncSignal)s!).Set(), _signal, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // A pressing result wakes the push through the clock, so the push starts on the clock's thread, never on the
        // socket engine's (which added the result) with its disk work (sealing, fsync). A timer of its own: the loop
        // re-arming the due timer must not cancel a kick that came in meanwhile.
        using var kick = clock.CreateTimer(static s => ((AsyncSignal)s!).Set(), _signal, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        void Kick() => kick.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        using var stopping = stoppingToken.UnsafeRegister(static s => ((AsyncSignal)s!).Set(), _signal);
        queue.Pressing += Kick;
        Volatile.Write(ref _kick, Kick);
        try
        {
            long notBefore = 0;
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = Environment.TickCount64;
                if (Interlocked.Exchange(ref _now, 0) == 1 && failures == 0) notBefore = 0;
                var waiting = queue.Pending;
                var due = Reporting.NextPushAt(waiting.Count, waiting.Since, waiting.Urgent, QuietSeconds(spacing), notBefore);
                if (due > now)
                {
                    timer.Change(due == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(due - now), Timeout.InfiniteTimeSpan);
                    await _signal.WaitAsync();
                    continue;
                }

                var sent = await PushAsync(stoppingToken);
                failures = sent ? 0 : failures + 1;
                notBefore = Environment.TickCount64 + (long)(sent ? spacing : Reporting.RetryDelay(spacing, failures, LongestRetry())).TotalMilliseconds;
            }
        }
        finally
        {
            Volatile.Write(ref _kick, null);
            queue.Pressing -= Kick;
        }
    }

    /// <summary>The longest pause between tries while central is away: the plan's quiet time; without a policy, the default.</summary>
    private TimeSpan? LongestRetry() => plans.Plan?.Reporting is { QuietSeconds: > 0 } policy ? TimeSpan.FromSeconds(policy.QuietSeconds) : null;

    /// <summary>The plan's quiet time, never shorter than the push spacing; without a policy, the push spacing.</summary>
    private int QuietSeconds(TimeSpan spacing) =>
        Math.Max((int)spacing.TotalSeconds, plans.Plan?.Reporting?.QuietSeconds ?? 0);

    private async Task<bool> PushAsync(CancellationToken stoppingToken)
    {
        try
        {
            // A scope per push: the typed HttpClient is fresh each time (its handler, and the connection, are kept).
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PushJob>().RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            // PushJob handles the failures it expects; anything else is logged and the next push tries again.
            logger.LogError(ex, "Pushing results to central failed; trying again later.");
            return false;
        }
    }
}
