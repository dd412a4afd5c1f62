using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The http and https kinds: GET Address:Port + HttpPath with Host = TargetHost:Port, no redirects, and the status
/// checked against ExpectStatus (default 200-399). https reports the certificate as the tls kind does.
/// </summary>
public sealed class HttpProbe(string kind, HttpProber prober) : IProbeKind
{
    public const string DefaultExpect = "200-399";

    public string Kind { get; } = kind is ProbeKinds.Http or ProbeKinds.Https
        ? kind : throw new ArgumentException($"HttpProbe serves '{ProbeKinds.Http}' and '{ProbeKinds.Https}', not '{kind}'.", nameof(kind));

    public async Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken)
    {
        if (!StatusRanges.TryParse(probe.ExpectStatus, DefaultExpect, out var expect, out var error))
            return new ProbeFinding(ProbeOutcome.Error, null, $"Flow {probe.FlowId}: {error}");

        var target = HttpTarget.For(probe, tls: Kind == ProbeKinds.Https);
        var answer = await prober.GetAsync(target, 0, cancellationToken);
        return HttpProber.Judge(answer, expect, target);
    }
}
