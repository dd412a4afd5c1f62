namespace ShoppingConnectivity.Contracts;

/// <summary>Sent once by an agent to trade the shared enrolment key for a token of its own.</summary>
public sealed record EnrolmentRequest(string HostName, string EnrolmentKey, string? Version);

/// <summary>The agent keeps <see cref="Token"/> and sends it as a bearer token from then on.</summary>
public sealed record EnrolmentResponse(string AgentId, string Token);

/// <summary>Everything one agent must probe. <see cref="Version"/> doubles as the ETag.</summary>
public sealed record AgentPlan(string AgentId, string HostName, string Version, IReadOnlyList<PlannedProbe> Probes);

/// <summary>One concrete check: this agent to <see cref="Address"/>:<see cref="Port"/>.</summary>
public sealed record PlannedProbe(
    string ProbeId,
    string FlowId,
    string Kind,
    string TargetHost,
    string Address,
    int Port,
    int TimeoutMs,
    int IntervalSeconds);

/// <summary>One run of a probe as reported by an agent.</summary>
public sealed record ProbeResultDto(
    string ProbeId,
    string FlowId,
    ProbeOutcome Outcome,
    double? LatencyMs,
    string? Detail,
    DateTimeOffset At);

/// <summary>A batch of results; <see cref="BatchId"/> lets central store a re-sent batch once.</summary>
public sealed record ResultBatch(Guid BatchId, IReadOnlyList<ProbeResultDto> Results);

/// <summary>Central's answer once a batch is committed.</summary>
public sealed record ResultBatchAccepted(Guid BatchId, int Accepted, bool Duplicate);
