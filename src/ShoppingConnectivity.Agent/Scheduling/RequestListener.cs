using System.Net;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Upstream;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>
/// Keeps one long-poll open to central (GET /api/v1/agents/{id}/requests?wait=25s; the agent only ever connects
/// outwards) and runs what central asks at once ("Test now"): the asked probes of the plan in force, their results
/// queued as urgent and pushed without waiting for the push spacing. While nothing is asked this is one request every
/// 25 s on a kept-alive connection. A central older than the long-poll answers 404: the agent asks again hourly.
/// </summary>
public sealed class RequestListener(
    IServiceScopeFactory scopes,
    PlanHolder plans,
    ProbeScheduler scheduler,
    PushScheduler push,
    IOptions<AgentOptions> options,
    TimeProvider clock,
    ILogger<RequestListener> logger) : BackgroundService
{
    /// <summary>A central without the long-poll (404) is asked again this often (it may have been upgraded).</summary>
    public static readonly TimeSpan OldCentralRetry = TimeSpan.FromHours(1);

    /// <summary>After a failed poll (doubling up to <see cref="MaxRetry"/>).</summary>
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    /// <summary>An empty answer sooner than this is not a wait that ran out: the next poll waits this long.</summary>
    private static readonly TimeSpan ShortAnswer = TimeSpan.FromSeconds(1);

    /// <summary>How often to look for the first plan (fetched at start): listening begins within this of it.</summary>
    private static readonly TimeSpan PlanCheck = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<Task> _runs = [];

    /// <summary>Requests run so far (for tests and the log).</summary>
    public int Handled => Volatile.Read(ref _handled);

    private int _handled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ListenForRequests)
        {
            logger.LogInformation("Not listening for central's requests (Agent:ListenForRequests is false): probes run on their intervals only.");
            return;
        }

        await Task.Yield(); // let the host finish starting
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Nothing to run before a plan is in force (the plan sync enrols and fetches it first).
                if (plans.Plan is null)
                {
                    await Task.Delay(PlanCheck, clock, stoppingToken);
                    continue;
                }

                var pause = await PollOnceAsync(failures, stoppingToken);
                failures = pause is null || pause == ShortAnswer ? 0 : failures + 1;
                if (pause is { } p) await Task.Delay(p, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        Task[] runs;
        lock (_gate) runs = [.. _runs];
        await Task.WhenAll(runs).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One long-poll; null when the next can follow at once, else how long to pause first.</summary>
    private async Task<TimeSpan?> PollOnceAsync(int failures, CancellationToken stoppingToken)
    {
        IReadOnlyList<AgentRequest> requests;
        var started = clock.GetTimestamp();
        try
        {
            // A scope per poll, as the push does: the typed HttpClient is fresh, its handler (and connection) kept.
            await using var scope = scopes.CreateAsyncScope();
            requests = await scope.ServiceProvider.GetRequiredService<CentralClient>().WaitForRequestsAsync(AgentRequests.DefaultWait, stoppingToken);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            logger.LogInformation("Central does not take requests for this agent yet (an older central: {Reason}); asking again in {Hours:0} h.",
                ex.Message, OldCentralRetry.TotalHours);
            return OldCentralRetry;
        }
        catch (Exception ex) when ((ex is HttpRequestException or OperationCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            && !stoppingToken.IsCancellationRequested)
        {
            var pause = Reporting.RetryDelay(Retry, failures + 1, MaxRetry);
            logger.LogWarning("Waiting for central's requests failed ({Reason}); trying again in {Seconds:0} s.", ex.Message, pause.TotalSeconds);
            return pause;
        }

        // Nothing, long before the wait was over: central is stopping (it ends every long-poll at once) or a proxy cut
        // it short. A pause, so the agent does not ask again and again until central has gone.
        if (requests.Count == 0 && clock.GetElapsedTime(started) < ShortAnswer) return ShortAnswer;

        foreach (var request in requests)
        {
            // Run while the next long-poll is already open: a second request does not wait for the first's probes.
            lock (_gate)
            {
                _runs.RemoveAll(t => t.IsCompleted);
                _runs.Add(RunAsync(request));
            }
        }

        return null;
    }

    private async Task RunAsync(AgentRequest request)
    {
        await Task.Yield();
        try
        {
            logger.LogInformation("Central asks for {Count} probes now (request {RequestId}).", request.ProbeIds.Count, request.RequestId);
            if (await scheduler.RunNowAsync(request) > 0) push.PushNow();
            Interlocked.Increment(ref _handled);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Test now {RequestId}: running the asked probes failed.", request.RequestId);
        }
    }
}
