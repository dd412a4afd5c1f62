using Microsoft.AspNetCore.Http.Features;
using ShoppingConnectivity.Central.Api;

namespace ShoppingConnectivity.Central.Agents;

public static class AgentTokenExtensions
{
    /// <summary>
    /// The endpoint answers only the agent its route's {id} names, proven by its token (<see cref="AgentTokenFilter"/>);
    /// the OpenAPI document names that scheme (the filter is invisible to it).
    /// </summary>
    public static RouteHandlerBuilder RequireAgentToken(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<AgentTokenFilter>().RequiresScheme(ApiSecuritySchemes.AgentToken);

    /// <summary>The agent a <see cref="RequireAgentToken"/> endpoint was called by.</summary>
    public static AgentRecord Agent(this HttpContext context) => context.Features.GetRequiredFeature<AgentRecord>();
}
