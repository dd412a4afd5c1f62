namespace ShoppingConnectivity.Agent;

/// <summary>Agent settings, bound from the "Agent" section (env: Agent__CentralUrl, ...).</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>Base URL of central, e.g. https://central.example:8443/.</summary>
    public string CentralUrl { get; set; } = "";

    /// <summary>This host's name as the estate lists it. Empty: the machine name.</summary>
    public string HostName { get; set; } = "";

    /// <summary>The roles this host has, reported to central at enrolment (central's estate decides what is probed).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Shared key traded once for this agent's own token.</summary>
    public string EnrolmentKey { get; set; } = "";

    /// <summary>Where the agent keeps its token and its outbox (results waiting for central). Relative paths are under the app's folder.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Shortest time between two pushes to central. A change goes out at once unless a push went out less than this
    /// ago; results that change nothing wait as long as central's plan allows (its reporting policy, a minute at most).
    /// </summary>
    public int PushIntervalSeconds { get; set; } = 5;

    public int PlanRefreshSeconds { get; set; } = 60;

    /// <summary>
    /// Keep one long-poll open to central for what it asks of this agent ("Test now": run these probes at once). One
    /// request every 25 s while nothing is asked; false: the agent only probes on its plan's intervals.
    /// </summary>
    public bool ListenForRequests { get; set; } = true;

    /// <summary>Results in one batch to central, at most; also the most results in one outbox file.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// Disk the outbox may take while central is away. Past it the oldest results are dropped, with a warning saying
    /// how many. At about 200 bytes a result, 256 MB holds a month of a busy server's probes (docs/benchmarks.md).
    /// </summary>
    public int OutboxMaxMegabytes { get; set; } = 256;

    /// <summary>Probes running at the same moment, at most; the rest wait their turn (a client must stay light).</summary>
    public int MaxConcurrentProbes { get; set; } = 4;

    /// <summary>A TLS certificate expiring within this many days (or expired) marks its link degraded (amber).</summary>
    public int CertificateWarningDays { get; set; } = 14;

    public string EffectiveHostName => string.IsNullOrWhiteSpace(HostName) ? Environment.MachineName : HostName.Trim();
}
