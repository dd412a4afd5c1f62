namespace ShoppingConnectivity.Central;

/// <summary>How central stops on SIGTERM, a service stop or Ctrl+C ("Central:Shutdown").</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Central:Shutdown";

    /// <summary>
    /// The hard cap of a stop (the host's shutdown timeout): past it, requests still open are cut and central exits.
    /// A safety net only: a normal stop takes well under a second (docs/benchmarks.md, "Central stop (SIGTERM)").
    /// The default stays under the 10 s Docker and Kubernetes wait before they kill.
    /// </summary>
    public int TimeoutSeconds { get; set; } = 8;

    /// <summary>
    /// How long a running job (alert evaluation or delivery, roll-up, retention ...) may go on once central stops, to
    /// finish its unit of work; then it is cancelled and abandons it (its transaction is not committed, and the next
    /// run after the restart does it again). Less than <see cref="TimeoutSeconds"/>.
    /// </summary>
    public int JobGraceSeconds { get; set; } = 2;
}
