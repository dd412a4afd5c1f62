using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// Admits a call to an agent's endpoint ({id} in the route, any case) only with that agent's own token, as
/// 'Authorization: Bearer &lt;token&gt;' matching the hash stored for it, and only while it is not revoked. The agent
/// is then the request's <see cref="AgentRecord"/> feature (<see cref="AgentTokenExtensions.Agent"/>).
/// Every refusal is the same 401 whatever the reason (no token, unknown id, wrong token, revoked), so the answer tells
/// a stranger nothing about which agents exist; only the holder of a waiting enrolment's token hears it waits (403).
/// </summary>
internal sealed class AgentTokenFilter(AgentTokenCache agents, AgentEnrolment enrolment) : IEndpointFilter
{
    public const string RefusedTitle = "Agent token rejected.";

    public const string RefusedDetail =
        "Send this agent's own token as 'Authorization: Bearer <token>'. An agent whose token is refused enrols again with the enrolment key.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var agentId = HostNames.Key(http.GetRouteValue("id") as string ?? "");
        var token = BearerToken.Of(http.Request) ?? "";
        // Hashed whether or not the agent exists, so an unknown id costs what a known one does.
        var hash = AgentTokens.Hash(token);

        var agent = token.Length > 0 ? await agents.FindActiveAsync(agentId, hash, http.RequestAborted) : null;
        if (agent is not null)
        {
            http.Features.Set(agent);
            return await next(context);
        }

        if (token.Length > 0)
        {
            var (waiting, granted) = await enrolment.FindWaitingAsync(agentId, hash, http.RequestAborted);
            if (granted)
            {
                await http.RequestServices.GetRequiredService<IAuditLog>().RecordAsAsync(AuditLog.SystemActor, "agent.approve", agentId,
                    "waited only because the estate did not list its host; it does now", http.RequestAborted);
                http.Features.Set((await agents.LoadAsync(agentId, http.RequestAborted))!);
                return await next(context);
            }

            if (waiting is not null)
            {
                return Problems.Status(StatusCodes.Status403Forbidden, "Enrolment pending.", AgentEndpoints.PendingDetail(waiting.Reason));
            }
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Status(StatusCodes.Status401Unauthorized, RefusedTitle, RefusedDetail);
    }
}
