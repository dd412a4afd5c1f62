using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Contracts;

/// <summary>
/// What one run of a probe found. Serialised by name, exactly one of these (<see cref="ProbeOutcomeJsonConverter"/>):
/// the wire format survives reordering, and no number or flags text passes for an outcome.
/// </summary>
[JsonConverter(typeof(ProbeOutcomeJsonConverter))]
public enum ProbeOutcome
{
    /// <summary>The target answered: the flow is open.</summary>
    Reachable,
    /// <summary>The host answered with a reset: it is up but nothing listens on the port (or a firewall rejects).</summary>
    Refused,
    /// <summary>No answer within the timeout: usually a firewall that drops the port.</summary>
    TimedOut,
    /// <summary>The target name did not resolve.</summary>
    DnsFailed,
    /// <summary>No route to the host, or an ICMP unreachable.</summary>
    Unreachable,
    /// <summary>The port is open but the wrong or an unhealthy service answered.</summary>
    ProtocolError,
    /// <summary>The agent itself failed to run the probe.</summary>
    Error,
}
