using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>Checks the bearer token of an agent call against the stored hash for that agent.</summary>
public sealed class AgentAuthenticator(IDbContextFactory<CentralDbContext> dbFactory)
{
    public async Task<(AgentRecord? Agent, IResult? Problem)> AuthenticateAsync(string agentId, HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return (null, Problems.Status(StatusCodes.Status401Unauthorized, "Agent token missing.",
                "Send the agent's token as 'Authorization: Bearer <token>'."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
        if (agent is null)
        {
            return (null, Problems.Status(StatusCodes.Status404NotFound, "Unknown agent.",
                $"No agent '{agentId}' is enrolled; enrol it first with the enrolment key."));
        }

        if (agent.RevokedAt is { } revokedAt)
        {
            return (null, Problems.Status(StatusCodes.Status401Unauthorized, "Agent revoked.",
                $"Agent '{agentId}' was revoked at {revokedAt:yyyy-MM-dd HH:mm:ss} UTC; enrol it again with a valid enrolment key."));
        }

        if (!AgentTokens.Matches(header[7..].Trim(), agent.TokenHash))
        {
            return (null, Problems.Status(StatusCodes.Status401Unauthorized, "Agent token rejected.",
                $"The token is not the one issued to agent '{agentId}'."));
        }

        return (agent, null);
    }
}
