namespace ShoppingConnectivity.Contracts;

/// <summary>
/// Sent once by an agent to trade the shared enrolment key for a token of its own.
/// <see cref="Roles"/> are the roles the host says it has (from its settings); central shows them beside the estate's.
/// </summary>
public sealed record EnrolmentRequest(string HostName, string EnrolmentKey, string? Version, IReadOnlyList<string>? Roles = null);

/// <summary>The agent keeps <see cref="Token"/> and sends it as a bearer token from then on.</summary>
public sealed record EnrolmentResponse(string AgentId, string Token);

/// <summary>
/// Everything one agent must probe. <see cref="Version"/> doubles as the ETag. <see cref="Reporting"/> says how soon
/// results must reach central (null from a central that predates it: the agent then sends every result at its push
/// interval).
/// </summary>
public sealed record AgentPlan(string AgentId, string HostName, string Version, IReadOnlyList<PlannedProbe> Probes, ReportPolicy? Reporting = null);

/// <summary>
/// How soon an agent sends what it found. A result that changes its probe's outcome goes at once, and so do the
/// next ones until <see cref="UrgentRuns"/> results in a row agree (the most any alert rule of the plan counts, so an
/// alert or a recovery is never held back); the rest may wait up to <see cref="QuietSeconds"/>, short enough that
/// central never takes a working agent for a silent one.
/// </summary>
public sealed record ReportPolicy(int QuietSeconds, int UrgentRuns);

/// <summary>
/// One concrete check: this agent to <see cref="Address"/>:<see cref="Port"/>, of a <see cref="Kind"/> named in
/// <see cref="ProbeKinds"/>. The optional fields feed the protocol-aware kinds and are null where they do not apply.
/// </summary>
/// <param name="HttpPath">http/https: the path to GET.</param>
/// <param name="ExpectStatus">http/https/tachyon: the statuses that prove the service, e.g. "200-399,401".</param>
/// <param name="DiscoveryUrl">tachyon: the Website URL that names the Tachyon agent's loopback URL.</param>
public sealed record PlannedProbe(
    string ProbeId,
    string FlowId,
    string Kind,
    string TargetHost,
    string Address,
    int Port,
    int TimeoutMs,
    int IntervalSeconds,
    string? HttpPath = null,
    string? ExpectStatus = null,
    string? DiscoveryUrl = null);

/// <summary>
/// One run of a probe as reported by an agent. <see cref="Degraded"/> marks a reachable but unhealthy answer
/// (a certificate near expiry, say): the edge shows amber, not green.
/// </summary>
public sealed record ProbeResultDto(
    string ProbeId,
    string FlowId,
    ProbeOutcome Outcome,
    double? LatencyMs,
    string? Detail,
    DateTimeOffset At,
    bool Degraded = false);

/// <summary>A batch of results; <see cref="BatchId"/> lets central store a re-sent batch once.</summary>
public sealed record ResultBatch(Guid BatchId, IReadOnlyList<ProbeResultDto> Results);

/// <summary>Central's answer once a batch is committed.</summary>
public sealed record ResultBatchAccepted(Guid BatchId, int Accepted, bool Duplicate);
