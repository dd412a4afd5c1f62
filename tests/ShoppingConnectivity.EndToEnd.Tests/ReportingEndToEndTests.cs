using System.Net;
using System.Net.Sockets;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// When an agent sends (central's reporting policy in the plan): results that repeat the last one wait up to the
/// quiet time, a change goes at once, and so do the runs an alert rule counts after it. Timed at a proxy between
/// the real agent and the real central.
/// </summary>
public sealed class ReportingEndToEndTests(ITestOutputHelper output)
{
    private const string Host = "web01";

    // Probes every second; links go silent after 21 s, so central allows (21 - 1) / 2 = 10 s of quiet.
    private const int QuietSeconds = 10;
    private static readonly Dictionary<string, string> Staleness = new() { ["Central__StaleAfterIntervals"] = "21" };

    [Fact]
    public async Task SteadyResults_WaitForTheQuietTime_ChangeAndTheRunsAfterItGoAtOnce()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json, settings: Staleness);
        await using var proxy = await HoldingProxy.StartAsync(central.Url);
        using var agent = central.StartAgent(Host, centralUrl: proxy.Url); // Agent__PushIntervalSeconds=1

        // The first three results of each probe are urgent (broken after 3 runs by default); after them, quiet.
        await WaitUntilAsync(() => Results(proxy).Count(r => r.Result.ProbeId.StartsWith(LoopbackEstate.ClosedFlow, StringComparison.Ordinal)) >= 6,
            TimeSpan.FromSeconds(40), "steady results", agent);
        var steadyFrom = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3 * QuietSeconds));
        var steady = proxy.Sent.Where(b => b.ArrivedAt > steadyFrom).ToList();
        var urgent = UrgentResults(proxy);
        var waits = steady.SelectMany(b => b.Batch.Results.Select(r => (b.ArrivedAt - r.At).TotalSeconds)).ToList();
        var quietWaits = steady.SelectMany(b => b.Batch.Results.Where(r => !urgent.Contains(r)).Select(r => (b.ArrivedAt - r.At).TotalSeconds)).ToList();
        var quietBatches = steady.Count(b => !b.Batch.Results.Any(urgent.Contains));
        output.WriteLine($"steady: {steady.Count} batches ({quietBatches} without an urgent result) in {3 * QuietSeconds} s, " +
            $"{waits.Count} results, longest wait {waits.Max():N1} s, repeated results waited {quietWaits.DefaultIfEmpty().Average():N1} s on average");
        foreach (var b in steady)
        {
            output.WriteLine($"  batch at {b.ArrivedAt:HH:mm:ss.fff}: " + string.Join(", ", b.Batch.Results
                .GroupBy(r => (r.ProbeId, r.Outcome, Urgent: urgent.Contains(r)))
                .Select(g => $"{g.Key.ProbeId} {g.Key.Outcome}{(g.Key.Urgent ? " (urgent)" : "")} x{g.Count()}")));
        }

        // Sent every 1 s before; now a batch per quiet time, nothing held longer than it allows. (A probe whose outcome
        // flips on a loaded machine, say a slow HTTP answer timing out, sends its change at once: those batches are
        // not counted, and they take the waiting results along.)
        Assert.InRange(quietBatches, 1, 4);
        // A batch without an urgent result goes because its oldest result has waited the quiet time (the rest go with it).
        Assert.All(steady.Where(b => !b.Batch.Results.Any(urgent.Contains)), b =>
            Assert.True(b.Batch.Results.Max(r => (b.ArrivedAt - r.At).TotalSeconds) >= QuietSeconds - 1, $"a quiet batch went at {b.ArrivedAt:HH:mm:ss.fff}, before its results had waited"));
        Assert.All(waits, w => Assert.True(w <= QuietSeconds + 4, $"a result waited {w:N1} s"));
        Assert.True(quietWaits.Average() > 2, $"repeated results waited {quietWaits.Average():N1} s on average: they are not held for the quiet time");
        Assert.True(waits.Count >= 2 * 3 * QuietSeconds * 0.7, $"only {waits.Count} results in {3 * QuietSeconds} s of two probes a second");

        // Something now listens on the SQL port but does not speak TDS: Refused becomes ProtocolError.
        using var listener = new TcpListener(IPAddress.Loopback, estate.ClosedPort);
        listener.Start(backlog: 64);
        await WaitUntilAsync(() => SqlRuns(proxy, ProbeOutcome.ProtocolError).Count >= 5, TimeSpan.FromSeconds(40), "the change and the runs after it", agent);

        var changed = SqlRuns(proxy, ProbeOutcome.ProtocolError);
        foreach (var (run, i) in changed.Select((r, i) => (r, i)))
        {
            output.WriteLine($"ProtocolError run {i + 1}: probed {run.Result.At:HH:mm:ss.fff}, sent {run.ArrivedAt:HH:mm:ss.fff} ({(run.ArrivedAt - run.Result.At).TotalSeconds:N1} s)");
        }

        // The change and the two runs after it (what "broken after 3" counts) within the push spacing, not the quiet time.
        Assert.All(changed.Take(3), r => Assert.True((r.ArrivedAt - r.Result.At).TotalSeconds < 4, $"urgent result waited {(r.ArrivedAt - r.Result.At).TotalSeconds:N1} s"));
        // After them results repeat what central knows and the alert has counted: they wait for the quiet time again,
        // unless they ride along with another probe's urgent results (web01's other SQL flow, central-shoppingdb-sql,
        // changes a second later).
        urgent = UrgentResults(proxy);
        var carried = proxy.Sent.Where(b => b.Batch.Results.Any(urgent.Contains)).Select(b => b.ArrivedAt).ToHashSet();
        // (The first repeated run is the oldest: the later ones go with it or after it.)
        var firstRepeated = changed[3];
        Assert.True((firstRepeated.ArrivedAt - firstRepeated.Result.At).TotalSeconds > 3 || carried.Contains(firstRepeated.ArrivedAt),
            $"the first repeated result waited {(firstRepeated.ArrivedAt - firstRepeated.Result.At).TotalSeconds:N1} s, without an urgent result beside it");
        // Central's live view has it too.
        var edges = await central.WaitForEdgesAsync(
            e => e[LoopbackEstate.ClosedFlow].GetProperty("counts").TryGetProperty("ProtocolError", out var n) && n.GetInt32() >= 1,
            TimeSpan.FromSeconds(20), agent);
        Assert.Equal("Red", edges[LoopbackEstate.ClosedFlow].GetProperty("colour").GetString());
    }

    private static List<(DateTimeOffset ArrivedAt, ProbeResultDto Result)> Results(HoldingProxy proxy) =>
        [.. proxy.Sent.SelectMany(b => b.Batch.Results.Select(r => (b.ArrivedAt, r)))];

    /// <summary>
    /// The results the agent should send at once by the plan's policy: per probe, a changed outcome and the runs up to
    /// the third of the same outcome (the first results of a probe count as a change).
    /// </summary>
    private static HashSet<ProbeResultDto> UrgentResults(HoldingProxy proxy)
    {
        var urgent = new HashSet<ProbeResultDto>(); // by value: a batch sent again holds equal copies
        foreach (var probe in Results(proxy).Select(r => r.Result).GroupBy(r => r.ProbeId))
        {
            ProbeOutcome? last = null;
            var run = 0;
            foreach (var result in probe.DistinctBy(r => r.At).OrderBy(r => r.At))
            {
                run = result.Outcome == last ? run + 1 : 1;
                last = result.Outcome;
                if (run <= 3) urgent.Add(result);
            }
        }

        return urgent;
    }

    private static List<(DateTimeOffset ArrivedAt, ProbeResultDto Result)> SqlRuns(HoldingProxy proxy, ProbeOutcome outcome) =>
        [.. Results(proxy).Where(r => r.Result.FlowId == LoopbackEstate.ClosedFlow && r.Result.Outcome == outcome).OrderBy(r => r.Result.At)];

    private static Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, string what, TestProcess agent) =>
        Eventually.AssertAsync(done, timeout, () => $"no {what}. Agent output:\n{agent.Output}");
}
