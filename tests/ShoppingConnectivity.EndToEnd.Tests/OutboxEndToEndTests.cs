using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// The agent's outbox with the real programs: central goes away and comes back, the agent is killed while it
/// sends its backlog. Checked against central's own database: every result stored exactly once, none missing.
/// </summary>
[Collection(nameof(OutboxEndToEndTests))]
public sealed class OutboxEndToEndTests(ITestOutputHelper output)
{
    private const string Host = "web01";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Phase times in the test output: where a slow run spent its time.</summary>
    private void Phase(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:N1} s  {what}");

    [Fact]
    public async Task CentralOutage_AgentKeepsProbing_EveryResultStoredOnceWithoutHoles()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        Phase("central started");
        using var agent = central.StartAgent(Host);
        var probes = await PlannedProbesAsync(central, agent);
        await WaitUntilAsync(() => EveryProbeStored(central, probes, since: DateTimeOffset.MinValue, atLeast: 2), "results flowing", central, agent);
        Phase($"results of {probes.Count} probes flowing; central killed");

        central.Kill();
        var down = DateTimeOffset.UtcNow;
        // The outage is the scenario: the agent keeps probing and its outbox keeps every result on disk meanwhile, eight
        // runs of each probe at least (eight intervals of central's absence).
        await WaitUntilAsync(() => probes.All(p => AgentOutbox.Read(central.AgentDataDirectory(Host)).Count(r => r.ProbeId == p.ProbeId && r.At > down) >= 8),
            "eight runs of each probe in the outbox while central is down", central, agent);
        var backlog = AgentOutbox.Read(central.AgentDataDirectory(Host));

        await central.RestartAsync();
        var back = DateTimeOffset.UtcNow;
        Phase($"central back; {backlog.Count} results were waiting");
        // Oldest first: once results from after the restart are stored, the whole backlog is.
        await WaitUntilAsync(() => EveryProbeStored(central, probes, since: back.AddSeconds(3), atLeast: 1), "backlog delivered", central, agent);

        var stored = StoredResults.Read(central.DatabasePath).Where(r => r.AgentId == Host).ToList();
        Phase($"backlog delivered: {stored.Count} results stored");
        AssertNoDuplicates(stored);
        AssertNoHoles(stored, probes, until: back.AddSeconds(3));
        Assert.All(backlog, r => Assert.Single(stored, s => s.ProbeId == r.ProbeId && s.At == r.At));
        foreach (var probe in probes)
        {
            // About one result a second right through the outage.
            var during = stored.Count(s => s.ProbeId == probe.ProbeId && s.At > down && s.At < back);
            Assert.True(during >= (back - down).TotalSeconds / probe.IntervalSeconds * 0.7, $"{probe.ProbeId}: {during} results during {(back - down).TotalSeconds:N0} s outage");
        }
    }

    [Fact]
    public async Task AgentRestartedWhileCentralIsDown_ProbesWithItsStoredPlan_NothingLost()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        var agent = central.StartAgent(Host);
        try
        {
            var probes = await PlannedProbesAsync(central, agent);
            await WaitUntilAsync(() => EveryProbeStored(central, probes, since: DateTimeOffset.MinValue, atLeast: 1), "results flowing", central, agent);
            central.Kill();
            Phase("central killed; agent restarted while it is down");

            agent.Kill();
            agent.Dispose();
            agent = central.StartAgent(Host);
            var restarted = DateTimeOffset.UtcNow;
            // Nobody to ask for a plan: the agent probes with the one it stored, into its outbox (six runs of each).
            await WaitUntilAsync(() => probes.All(p => AgentOutbox.Read(central.AgentDataDirectory(Host)).Count(r => r.ProbeId == p.ProbeId && r.At > restarted) >= 6),
                "six runs of each probe of the stored plan in the outbox", central, agent);
            var backlog = AgentOutbox.Read(central.AgentDataDirectory(Host));
            Assert.Contains("stored plan", agent.Output, StringComparison.Ordinal);

            await central.RestartAsync();
            var back = DateTimeOffset.UtcNow;
            await WaitUntilAsync(() => EveryProbeStored(central, probes, since: back.AddSeconds(3), atLeast: 1), "backlog delivered", central, agent);
            var stored = StoredResults.Read(central.DatabasePath).Where(r => r.AgentId == Host).ToList();
            AssertNoDuplicates(stored);
            Assert.All(backlog, r => Assert.Single(stored, s => s.ProbeId == r.ProbeId && s.At == r.At));
            foreach (var probe in probes)
            {
                var during = stored.Count(s => s.ProbeId == probe.ProbeId && s.At > restarted && s.At < back);
                Assert.True(during >= 5, $"{probe.ProbeId}: only {during} results between the agent's restart and central's return");
            }
        }
        finally
        {
            agent.Dispose();
        }
    }

    [Fact]
    public async Task AgentKilledMidFlush_AfterRestart_EveryResultStoredOnce()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        Phase("central started");
        await using var proxy = await HoldingProxy.StartAsync(central.Url);
        var settings = new Dictionary<string, string> { ["Agent__MaxBatchSize"] = "3" };
        var agent = central.StartAgent(Host, settings, proxy.Url);
        try
        {
            var probes = await PlannedProbesAsync(central, agent);
            await WaitUntilAsync(() => EveryProbeStored(central, probes, since: DateTimeOffset.MinValue, atLeast: 1), "results flowing", central, agent);

            Phase($"results of {probes.Count} probes flowing; central killed");
            // A backlog of many small batches while central is down.
            central.Kill();
            var outbox = central.AgentDataDirectory(Host);
            await WaitUntilAsync(() => AgentOutbox.Read(outbox).Count >= 18, "a backlog of 6 batches", central, agent);

            // Central back: two batches go through, the third is committed but its answer never reaches the agent,
            // which is killed (SIGKILL) right then.
            Phase("backlog on disk");
            proxy.HoldAnswerAfter(2);
            await central.RestartAsync();
            Phase("central back");
            var withheld = await proxy.Withheld.WaitAsync(Deadline);
            agent.Kill();
            var killedAt = DateTimeOffset.UtcNow;

            var onDisk = AgentOutbox.Read(outbox);
            var storedAtKill = StoredResults.Read(central.DatabasePath);
            Assert.Contains(Directory.GetFiles(Path.Combine(outbox, "outbox")), f => f.Contains(withheld.BatchId.ToString("N"), StringComparison.Ordinal));
            Assert.Equal(withheld.Accepted, storedAtKill.Count(r => r.BatchId == withheld.BatchId));
            Assert.True(onDisk.Count > withheld.Accepted, $"the backlog should not be all sent yet: {onDisk.Count} results on disk");
            Assert.Contains(proxy.Answers, a => !a.Duplicate);

            Phase($"agent killed: {onDisk.Count} results on disk, batch {withheld.BatchId} committed but not acknowledged");
            agent.Dispose();
            agent = central.StartAgent(Host, settings, proxy.Url);
            await WaitUntilAsync(() =>
            {
                var stored = StoredResults.Read(central.DatabasePath);
                return onDisk.All(r => stored.Any(s => s.ProbeId == r.ProbeId && s.At == r.At));
            }, "the backlog delivered", central, agent);

            var all = StoredResults.Read(central.DatabasePath).Where(r => r.AgentId == Host).ToList();
            Phase($"backlog delivered after the agent restart: {all.Count} results stored");
            AssertNoDuplicates(all);
            // The committed batch went out again under the same id, and central knew it.
            Assert.Contains(proxy.Answers, a => a.BatchId == withheld.BatchId && a.Duplicate);
            Assert.All(onDisk, r => Assert.Single(all, s => s.ProbeId == r.ProbeId && s.At == r.At));
            // Nothing probed before the kill is missing, through the outage as well.
            AssertNoHoles(all.Where(r => r.At < killedAt).ToList(), probes, until: onDisk.Max(r => r.At));
        }
        finally
        {
            agent.Dispose();
        }
    }

    /// <summary>
    /// An outbox holding a batch central refuses as invalid (issue 15: a result of a probe no plan of the agent had,
    /// forged or left from another estate): the agent drops that batch once, saying why, and delivers what follows.
    /// </summary>
    [Fact]
    public async Task OutboxBatchCentralRefuses_AgentDropsItOnceAndDeliversTheRest()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        var refused = Guid.NewGuid();
        var outbox = Path.Combine(central.AgentDataDirectory(Host), "outbox");
        Directory.CreateDirectory(outbox);
        var planted = Path.Combine(outbox, $"{1:D12}-{refused:N}.jsonl");
        var foreign = new ProbeResultDto("client-website-http/web01/80", "client-website-http", ProbeOutcome.Refused, 1.5, "not web01's", DateTimeOffset.UtcNow.AddMinutes(-5));
        await File.WriteAllTextAsync(planted, JsonSerializer.Serialize(foreign, ContractsJson.Options) + "\n");

        using var agent = central.StartAgent(Host);
        var probes = await PlannedProbesAsync(central, agent);
        await WaitUntilAsync(() => EveryProbeStored(central, probes, since: DateTimeOffset.MinValue, atLeast: 3), "results flowing", central, agent);

        Assert.False(File.Exists(planted), "the refused batch is still in the outbox");
        var refusals = agent.Output.Split('\n').Where(l => l.Contains($"Central refused batch {refused}", StringComparison.Ordinal)).ToList();
        Assert.Contains("flow 'client-website-http' is not in agent web01's plan", Assert.Single(refusals), StringComparison.Ordinal);
        Assert.DoesNotContain(StoredResults.Read(central.DatabasePath), r => r.ProbeId == foreign.ProbeId || r.BatchId == refused);
    }

    private static async Task<IReadOnlyList<PlannedProbe>> PlannedProbesAsync(Central central, TestProcess agent)
    {
        // The agent's own token (it enrolled at start) fetches exactly the plan it runs.
        var identityFile = Path.Combine(central.AgentDataDirectory(Host), "agent-identity.json");
        await WaitUntilAsync(() => File.Exists(identityFile), "the agent enrolled", central, agent);
        using var identity = JsonDocument.Parse(await File.ReadAllTextAsync(identityFile));
        var agentId = Property(identity.RootElement, "agentId");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agents/{agentId}/plan");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Property(identity.RootElement, "token"));
        using var response = await central.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var plan = (await response.Content.ReadFromJsonAsync<AgentPlan>(ContractsJson.Options))!;
        Assert.True(plan.Probes.Count >= 2, $"the loopback estate should give {Host} several probes, not {plan.Probes.Count}");
        return plan.Probes;
    }

    /// <summary>A property of the agent's identity file, whatever the casing its JSON writer uses.</summary>
    private static string Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value.GetString()!;

    private static bool EveryProbeStored(Central central, IReadOnlyList<PlannedProbe> probes, DateTimeOffset since, int atLeast)
    {
        var stored = StoredResults.Read(central.DatabasePath);
        return probes.All(p => stored.Count(r => r.ProbeId == p.ProbeId && r.At >= since) >= atLeast);
    }

    private static void AssertNoDuplicates(List<StoredResult> stored)
    {
        var twice = stored.GroupBy(r => (r.AgentId, r.ProbeId, r.At)).Where(g => g.Count() > 1).Select(g => $"{g.Key.ProbeId} at {g.Key.At:O} x{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "stored more than once: " + string.Join("; ", twice.Take(10)));
    }

    /// <summary>For each probe, consecutive stored results are never more than about two intervals apart.</summary>
    private static void AssertNoHoles(List<StoredResult> stored, IReadOnlyList<PlannedProbe> probes, DateTimeOffset until)
    {
        foreach (var probe in probes)
        {
            var times = stored.Where(r => r.ProbeId == probe.ProbeId && r.At <= until).Select(r => r.At).Order().ToList();
            Assert.True(times.Count >= 2, $"{probe.ProbeId}: {times.Count} results stored");
            var allowed = TimeSpan.FromSeconds(2 * probe.IntervalSeconds + 0.5);
            var holes = times.Zip(times.Skip(1)).Where(p => p.Second - p.First > allowed)
                .Select(p => $"{p.First:HH:mm:ss.fff} -> {p.Second:HH:mm:ss.fff}").ToList();
            Assert.True(holes.Count == 0, $"{probe.ProbeId}: holes longer than {allowed.TotalSeconds} s: {string.Join(", ", holes)}");
        }
    }

    private static Task WaitUntilAsync(Func<bool> done, string what, Central central, TestProcess agent) =>
        Eventually.AssertAsync(done, Deadline, () => $"{what}.\nCentral output:\n{central.Process.Output}\nAgent output:\n{agent.Output}");
}
