namespace ShoppingConnectivity.Contracts;

/// <summary>
/// The answer to an agent's long-poll (GET /api/v1/agents/{id}/requests?wait=30s): what central asks of it, in the
/// order asked. Central answers 204 (no body) when nothing was asked within the wait.
/// </summary>
public sealed record AgentRequests(IReadOnlyList<AgentRequest> Requests)
{
    /// <summary>The long-poll's path under central's base address.</summary>
    public static string PathFor(string agentId) => $"api/v1/agents/{Uri.EscapeDataString(agentId)}/requests";

    /// <summary>Longest wait an agent may ask for; central answers 204 by then.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>The wait an agent asks for: under central's and proxies' usual idle timeouts, and its own 30 s request deadline plus slack.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(25);
}
