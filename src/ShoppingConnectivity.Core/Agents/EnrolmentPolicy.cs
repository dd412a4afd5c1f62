namespace ShoppingConnectivity.Core.Agents;

/// <summary>
/// Who may take a host's agent identity. A key is shared by every host, so it proves only "one of ours": it may create
/// the agent of a host the estate lists that has none, or re-key an agent that proves itself with its current token.
/// Anything else (another agent holds the host, an Admin revoked it, the estate does not list it) waits for an Admin.
/// </summary>
public static class EnrolmentPolicy
{
    public static EnrolmentVerdict Decide(bool hostInEstate, AgentStanding standing, bool presentedCurrentToken) => standing switch
    {
        AgentStanding.Active when presentedCurrentToken => EnrolmentVerdict.Enrol,
        AgentStanding.Active => EnrolmentVerdict.PendingHostHasAgent,
        AgentStanding.Revoked => EnrolmentVerdict.PendingAgentRevoked,
        _ when !hostInEstate => EnrolmentVerdict.PendingNotInEstate,
        _ => EnrolmentVerdict.Enrol,
    };

    /// <summary>The reason shown to the agent's log and to the Admin deciding.</summary>
    public static string ReasonOf(EnrolmentVerdict verdict) => verdict switch
    {
        EnrolmentVerdict.PendingHostHasAgent => "another agent is enrolled for this host",
        EnrolmentVerdict.PendingAgentRevoked => "this host's agent was revoked",
        EnrolmentVerdict.PendingNotInEstate => "not in the estate",
        _ => "enrolled",
    };
}
