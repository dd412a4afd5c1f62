using Microsoft.Extensions.Options;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// Runs a planned probe with the kind it names, at most Agent:MaxConcurrentProbes at once, and turns anything
/// unexpected into an <see cref="ProbeOutcome.Error"/> finding rather than a lost result.
/// </summary>
public sealed class ProbeRunner
{
    private readonly Dictionary<string, IProbeKind> _kinds;
    private readonly SemaphoreSlim _slots;

    public ProbeRunner(IEnumerable<IProbeKind> kinds, IOptions<AgentOptions> options)
    {
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentProbes));
    }

    public IReadOnlyCollection<string> Kinds => _kinds.Keys;

    public async Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken)
    {
        if (!_kinds.TryGetValue(probe.Kind, out var kind))
        {
            return new ProbeFinding(ProbeOutcome.Error, null,
                $"This agent does not know the probe kind '{probe.Kind}' (it knows {string.Join(", ", _kinds.Keys)}): upgrade the agent.");
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await kind.RunAsync(probe, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ProbeFinding(ProbeOutcome.Error, null, $"The agent failed to run the {probe.Kind} probe: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            _slots.Release();
        }
    }
}
