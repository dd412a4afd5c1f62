using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>One probe kind (see <see cref="ProbeKinds"/>). Implementations classify every failure; they throw only on a bug.</summary>
public interface IProbeKind
{
    string Kind { get; }

    Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken);
}
