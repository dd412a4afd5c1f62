using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Agents;

/// <summary>Whether an agent is talking to central.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    /// <summary>Enrolled, but no plan fetch or result yet.</summary>
    NeverSeen,
    /// <summary>Heard from within the silence limit.</summary>
    Online,
    /// <summary>Nothing heard for longer than the limit: its links go grey, not red.</summary>
    Silent,
}
