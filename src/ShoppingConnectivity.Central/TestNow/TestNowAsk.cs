using System.Text.Json.Serialization;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// An agent asked to run <see cref="ProbeIds"/> now; <see cref="HostName"/> as the estate spells it.
/// <see cref="LinksBefore"/> holds the asked probes' links as they were before the request was queued (a probe without a
/// link yet is absent): a loopback agent can answer before the page reads the live state, so a baseline read after
/// asking could already hold the fresh result and wait for the next one. Not part of the API's answer.
/// </summary>
public sealed record TestNowAsk(
    string AgentId,
    string HostName,
    IReadOnlyList<string> ProbeIds,
    [property: JsonIgnore] IReadOnlyDictionary<string, LinkSnapshot>? LinksBefore = null);
