using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Agents;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>The agent API: enrolment and plan (results: Ingestion); the agents' list for people.</summary>
public static class AgentEndpoints
{
    /// <summary>An enrolment request is a host name, a key and a version: a few hundred bytes.</summary>
    public const int MaxEnrolBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapAgentGroup();
        agents.MapPost("/enrol", EnrolAsync);
        agents.MapGet("/{id}/plan", GetPlan).RequireAgentToken();
        app.MapGroup("/api/v1").RequireAuthorization(CentralPolicies.Viewer).MapGet("/agents", ListAsync).WithTags("Agents");
        return app;
    }

    /// <summary>
    /// The group every agent endpoint is in: agents prove themselves with their own bearer token
    /// (<see cref="AgentTokenExtensions.RequireAgentToken"/>) or the enrolment key, not with a person's sign-in; their
    /// requests are rate-limited per agent; refusals are logged once.
    /// </summary>
    public static RouteGroupBuilder MapAgentGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/agents").WithTags("Agents").AllowAnonymous().RequireRateLimiting(SecurityExtensions.AgentRateLimitPolicy)
            .LogProblems();

    private static async Task<Ok<IReadOnlyList<AgentView>>> ListAsync(AgentDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(cancellationToken));

    private static async Task<Results<Ok<EnrolmentResponse>, ProblemHttpResult>> EnrolAsync(
        HttpRequest request,
        EnrolmentKeys keys,
        FlowCatalogue catalogue,
        IDbContextFactory<CentralDbContext> dbFactory,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (enrolment, problem) = await Problems.ReadJsonAsync<EnrolmentRequest>(request, ContractsJson.Options, MaxEnrolBodyBytes);
        if (problem is not null) return problem;

        var errors = EnrolmentValidator.Validate(enrolment!, catalogue);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var check = await keys.CheckAsync(enrolment!.EnrolmentKey, cancellationToken);
        var logger = loggers.CreateLogger(typeof(AgentEndpoints));
        if (!check.Accepted && check.KeyName is null && !await keys.AnyActiveAsync(cancellationToken))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Enrolment is off.",
                $"Create an enrolment key on central's Enrolment keys page, or set {CentralOptions.Section}:EnrolmentKey, to let agents enrol.");
        }

        if (!check.Accepted)
        {
            // A revoked or expired key says so: whoever holds it knew it once, and the fix is a new key. (Refusals are
            // logged once, by the group's LogProblems.)
            return Problems.Status(StatusCodes.Status401Unauthorized, "Enrolment key rejected.", check.Reason!);
        }

        logger.LogInformation("Agent {Host} enrolled with key {Key}.", enrolment.HostName, check.KeyName);

        var id = enrolment.HostName.ToLowerInvariant();
        var token = AgentTokens.NewToken();
        var roles = enrolment.Roles ?? [];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agent = await db.Agents.FindAsync([id], cancellationToken);
        if (agent is null)
        {
            agent = new AgentRecord { Id = id, HostName = enrolment.HostName, TokenHash = "", EnrolledAt = clock.GetUtcNow() };
            db.Agents.Add(agent);
        }

        // Enrolling again (a rebuilt host, a lost token file) issues a new token and voids the old one.
        agent.TokenHash = AgentTokens.Hash(token);
        agent.Version = enrolment.Version;
        agent.ReportedRoles = roles.Count == 0 ? null : string.Join(",", roles.Select(r => catalogue.FindRole(r)!.Id).Distinct(StringComparer.Ordinal));
        agent.EnrolledAt = clock.GetUtcNow();
        agent.RevokedAt = null;
        agent.RevokedBy = null;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new EnrolmentResponse(id, token));
    }

    /// <summary>The host's plan with its version as ETag; 304 when the agent has it already.</summary>
    private static async Task<Results<JsonHttpResult<AgentPlan>, StatusCodeHttpResult, ProblemHttpResult>> GetPlan(
        string id,
        HttpContext context,
        AgentPlans plans,
        IDbContextFactory<CentralDbContext> dbFactory,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var agent = context.Agent();
        var request = context.Request;

        // A plan fetch is a sign of life too (an agent with nothing to report still fetches), and says its version.
        var version = AgentVersionOf(request) ?? agent.Version;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Agents.Where(a => a.Id == agent.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeenAt, clock.GetUtcNow()).SetProperty(a => a.Version, version), cancellationToken);
        }

        var entry = plans.For(agent.Id, agent.HostName);
        if (entry is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Host not in the estate.",
                $"Agent '{id}' runs on host '{agent.HostName}', which the estate does not list; add it to the estate to give it a plan.");
        }

        var etag = $"\"{entry.Plan.Version}\"";
        context.Response.Headers.ETag = etag;
        if (request.Headers.IfNoneMatch.Any(v => v == etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Json(entry.Plan, ContractsJson.Options);
    }

    /// <summary>The agent's version from its User-Agent (ShoppingConnectivity.Agent/1.2.3), when it sends one.</summary>
    private static string? AgentVersionOf(HttpRequest request)
    {
        foreach (var product in request.Headers.UserAgent.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            const string prefix = "ShoppingConnectivity.Agent/";
            if (product.StartsWith(prefix, StringComparison.Ordinal) && product.Length - prefix.Length is > 0 and <= 64)
                return product[prefix.Length..];
        }

        return null;
    }
}
