using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Plans;

/// <summary>
/// One probe's run of equal results (same outcome, same degraded mark), as the agent counts them for
/// <see cref="Reporting.IsUrgent"/>. A fresh count (after a start or a plan change) has seen nothing.
/// </summary>
public struct ResultRun
{
    private ProbeOutcome _outcome;
    private bool _degraded;

    /// <summary>Results in a row equal to the last one, that one included; 0 before the first.</summary>
    public int Length { get; private set; }

    /// <summary>Counts <paramref name="outcome"/> in and returns the run's new length (1 when it changed).</summary>
    public int Add(ProbeOutcome outcome, bool degraded)
    {
        if (Length > 0 && outcome == _outcome && degraded == _degraded)
        {
            if (Length < int.MaxValue) Length++;
        }
        else
        {
            _outcome = outcome;
            _degraded = degraded;
            Length = 1;
        }

        return Length;
    }
}
