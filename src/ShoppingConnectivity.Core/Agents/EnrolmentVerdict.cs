namespace ShoppingConnectivity.Core.Agents;

/// <summary>What central does with an enrolment whose key it accepted.</summary>
public enum EnrolmentVerdict
{
    /// <summary>A token is issued now.</summary>
    Enrol,

    /// <summary>Another agent holds the host: the request waits for an Admin (a rebuilt host, or someone posing as it).</summary>
    PendingHostHasAgent,

    /// <summary>An Admin revoked the host's agent: it stays revoked until an Admin allows it again.</summary>
    PendingAgentRevoked,

    /// <summary>The estate does not list the host: nothing to probe, and nobody said it belongs.</summary>
    PendingNotInEstate,
}
