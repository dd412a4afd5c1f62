using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// An agent asked to run <see cref="ProbeIds"/> now; <see cref="HostName"/> as the estate spells it.
/// <see cref="LastBefore"/> is each asked probe's last result time read before the request was queued: a loopback
/// agent can answer before the page reads the live state, so a baseline read after asking could already hold the fresh
/// result and wait for the next one. Not part of the API's answer.
/// </summary>
public sealed record TestNowAsk(
    string AgentId,
    string HostName,
    IReadOnlyList<string> ProbeIds,
    [property: JsonIgnore] IReadOnlyDictionary<string, DateTimeOffset>? LastBefore = null);
