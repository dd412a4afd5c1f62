using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// Admits a call to an agent's endpoint ({id} in the route) only with that agent's own token, as
/// 'Authorization: Bearer &lt;token&gt;' matching the hash stored for it, and only while it is not revoked. The agent
/// is then the request's <see cref="AgentRecord"/> feature (<see cref="AgentTokenExtensions.Agent"/>); otherwise the
/// answer is a problem naming what is wrong: 401, or 404 for an id no agent has.
/// </summary>
internal sealed class AgentTokenFilter(IDbContextFactory<CentralDbContext> dbFactory) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agentId = http.GetRouteValue("id") as string ?? "";
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Agent token missing.",
                "Send the agent's token as 'Authorization: Bearer <token>'.");
        }

        AgentRecord? agent;
        await using (var db = await dbFactory.CreateDbContextAsync(http.RequestAborted))
        {
            agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agentId, http.RequestAborted);
        }

        if (agent is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Unknown agent.",
                $"No agent '{agentId}' is enrolled; enrol it first with the enrolment key.");
        }

        if (agent.RevokedAt is { } revokedAt)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Agent revoked.",
                $"Agent '{agentId}' was revoked at {revokedAt:yyyy-MM-dd HH:mm:ss} UTC; enrol it again with a valid enrolment key.");
        }

        if (!AgentTokens.Matches(header[7..].Trim(), agent.TokenHash))
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Agent token rejected.",
                $"The token is not the one issued to agent '{agentId}'.");
        }

        http.Features.Set(agent);
        return await next(context);
    }
}
