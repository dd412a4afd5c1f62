using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using ShoppingConnectivity.Central.Jobs;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Central.Tests.Jobs;

/// <summary>
/// A host with central's job registration (Quartz's in-memory scheduler, its hosted service and <see cref="JobShutdown"/>)
/// and one job the test holds, stopped as central stops. Time is a FakeTimeProvider the test moves.
/// </summary>
public sealed class JobShutdownTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly JobKey Key = new("held", "tests");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly HeldJob.Probe _probe = new();

    [Fact]
    public async Task Stop_JobStillRunningAfterTheGrace_InterruptedAtTheGraceThenTheHostStops()
    {
        using var host = await StartAsync(graceSeconds: 5, firstRunAfter: TimeSpan.Zero);
        await _probe.Started.Task.WaitAsync(Patience);
        var stopBegan = _clock.GetUtcNow();

        var stopping = host.StopAsync();
        // The job waits for its token only: it ends when interrupted, once the fake clock passed the grace.
        await Eventually.AssertAsync(() =>
        {
            if (!_probe.Ended.Task.IsCompleted) _clock.Advance(TimeSpan.FromMilliseconds(500));
            return _probe.Ended.Task.IsCompleted;
        }, Patience, () => "the held job was not interrupted.");
        await stopping.WaitAsync(Patience);

        var interruptedAt = await _probe.Ended.Task;
        Assert.NotNull(interruptedAt);
        Assert.True(interruptedAt - stopBegan >= TimeSpan.FromSeconds(5), $"interrupted {interruptedAt - stopBegan} after the stop began, before the 5 s grace");
    }

    [Fact]
    public async Task Stop_JobEndsWithinTheGrace_NotInterrupted()
    {
        using var host = await StartAsync(graceSeconds: 60, firstRunAfter: TimeSpan.Zero);
        await _probe.Started.Task.WaitAsync(Patience);

        var stopping = host.StopAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        _probe.Finish.TrySetResult();
        // The stop looks at the running jobs every poll of the (fake) clock.
        await Eventually.AssertAsync(() =>
        {
            if (!stopping.IsCompleted) _clock.Advance(JobShutdown.Poll);
            return stopping.IsCompleted;
        }, Patience, () => "the host did not stop once the job ended.");
        await stopping;

        Assert.Null(await _probe.Ended.Task); // finished on its own, never cancelled
    }

    [Fact]
    public async Task Stop_NoJobRunning_StopsWithoutWaitingForTheGrace()
    {
        using var host = await StartAsync(graceSeconds: 60, firstRunAfter: TimeSpan.FromHours(1));

        // The fake clock never moves: a stop that waited for the grace would never end.
        await host.StopAsync().WaitAsync(Patience);

        Assert.False(_probe.Started.Task.IsCompleted);
    }

    private async Task<IHost> StartAsync(int graceSeconds, TimeSpan firstRunAfter)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Central:Shutdown:JobGraceSeconds"] = graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Central:Shutdown:TimeoutSeconds"] = "600",
        });
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddSingleton(_probe);
        builder.AddCentralShutdown();
        builder.AddCentralJob<HeldJob>(Key, JobPlacement.EveryNode, TimeSpan.FromHours(1), firstRunAfter);
        builder.AddCentralJobs();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Runs until the test lets it finish or its cancellation token fires.</summary>
    [DisallowConcurrentExecution]
    private sealed class HeldJob(HeldJob.Probe probe, TimeProvider clock) : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            probe.Started.TrySetResult();
            var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
            var first = await Task.WhenAny(probe.Finish.Task, cancelled.Task);
            probe.Ended.TrySetResult(first == cancelled.Task ? clock.GetUtcNow() : null);
        }

        public sealed class Probe
        {
            public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            /// <summary>When the job ended: the clock's time if it was interrupted, null if it finished.</summary>
            public TaskCompletionSource<DateTimeOffset?> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
