using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Probes;

public class ProbeRunnerTests
{
    [Fact]
    public async Task Run_ManyProbesAtOnce_NeverMoreThanTheConcurrencyLimit()
    {
        var kind = new CountingKind(TimeSpan.FromMilliseconds(50));
        var runner = new ProbeRunner([kind], Options.Create(new AgentOptions { MaxConcurrentProbes = 3 }));

        var findings = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => runner.RunAsync(Probe("counting", i), CancellationToken.None)));

        Assert.All(findings, f => Assert.Equal(ProbeOutcome.Reachable, f.Outcome));
        Assert.Equal(3, kind.MostAtOnce);
    }

    [Fact]
    public async Task Run_KindTheAgentDoesNotKnow_IsErrorSayingToUpgrade()
    {
        var runner = new ProbeRunner([new TcpProbe()], Options.Create(new AgentOptions()));

        var finding = await runner.RunAsync(Probe("quic", 1), CancellationToken.None);

        Assert.Equal(ProbeOutcome.Error, finding.Outcome);
        Assert.Contains("does not know the probe kind 'quic'", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("upgrade", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KindThatThrows_IsErrorNamingTheFailureNotALostResult()
    {
        var runner = new ProbeRunner([new ThrowingKind()], Options.Create(new AgentOptions()));

        var finding = await runner.RunAsync(Probe("throwing", 1), CancellationToken.None);

        Assert.Equal(ProbeOutcome.Error, finding.Outcome);
        Assert.Contains("InvalidOperationException: broken parser", finding.Detail, StringComparison.Ordinal);
    }

    private static PlannedProbe Probe(string kind, int i) => new($"f/t{i}/1", "f", kind, $"t{i}", "127.0.0.1", 1, 1000, 60);

    /// <summary>A probe kind that only records how many runs overlap: the limit is the runner's job, not a socket's.</summary>
    private sealed class CountingKind(TimeSpan hold) : IProbeKind
    {
        private int _now;
        private int _most;

        public string Kind => "counting";

        public int MostAtOnce => Volatile.Read(ref _most);

        public async Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _now);
            int seen;
            while (now > (seen = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, seen) != seen)
            {
            }

            await Task.Delay(hold, cancellationToken);
            Interlocked.Decrement(ref _now);
            return new ProbeFinding(ProbeOutcome.Reachable, 1, "ok");
        }
    }

    private sealed class ThrowingKind : IProbeKind
    {
        public string Kind => "throwing";

        public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("broken parser");
    }
}
