namespace ShoppingConnectivity.Core.Agents;

/// <summary>Where a host's agent stands when another enrolment for the host arrives.</summary>
public enum AgentStanding
{
    /// <summary>No agent has the host (never enrolled, or central's database was reset).</summary>
    None,

    Active,

    Revoked,
}
