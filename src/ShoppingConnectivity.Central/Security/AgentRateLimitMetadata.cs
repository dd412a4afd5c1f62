namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Marks an endpoint as the agent API's: <see cref="AgentRequestLimiter"/> limits it per agent (or per client address
/// for enrolment); an endpoint without it is not limited by that limiter.
/// </summary>
public sealed class AgentRateLimitMetadata
{
    public static readonly AgentRateLimitMetadata Instance = new();

    private AgentRateLimitMetadata()
    {
    }
}
