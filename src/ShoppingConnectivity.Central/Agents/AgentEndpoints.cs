using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Ingestion;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>The agent API: enrolment, plan, results.</summary>
public static class AgentEndpoints
{
    /// <summary>An enrolment request is a host name, a key and a version: a few hundred bytes.</summary>
    public const int MaxEnrolBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapAgentGroup();
        agents.MapPost("/enrol", EnrolAsync);
        agents.MapGet("/{id}/plan", GetPlanAsync);
        app.MapGroup("/api/v1").RequireAuthorization(CentralPolicies.Viewer)
            .MapGet("/agents", async (AgentDirectory directory, CancellationToken ct) => Results.Ok(await directory.ListAsync(ct))).WithTags("Agents");
        return app;
    }

    /// <summary>
    /// The group every agent endpoint is in: agents prove themselves with their own bearer token (or the enrolment
    /// key), not with a person's sign-in; their requests are rate-limited per agent; refusals are logged once.
    /// </summary>
    public static RouteGroupBuilder MapAgentGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/agents").WithTags("Agents").AllowAnonymous().RequireRateLimiting(Security.SecurityExtensions.AgentRateLimitPolicy)
            .LogProblems();

    private static async Task<IResult> EnrolAsync(
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

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(enrolment!.HostName) || enrolment.HostName.Length > 253 || enrolment.HostName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.'))
            errors.Add("hostName: required, letters, digits, '-' and '.' only, at most 253 characters.");
        if (enrolment.Version is { Length: > 64 })
            errors.Add("version: at most 64 characters.");
        if (string.IsNullOrEmpty(enrolment.EnrolmentKey))
            errors.Add("enrolmentKey: required.");
        var roles = enrolment.Roles ?? [];
        if (roles.Count > 20) errors.Add("roles: at most 20 roles.");
        for (var i = 0; i < Math.Min(roles.Count, 20); i++)
        {
            if (roles[i] is not { } role || catalogue.FindRole(role) is null)
                errors.Add($"roles[{i}]: unknown role '{roles[i]}' (known: {string.Join(", ", catalogue.Roles.Select(r => r.Id))}).");
        }

        if (errors.Count > 0) return Problems.Invalid(errors);

        var check = await keys.CheckAsync(enrolment.EnrolmentKey, cancellationToken);
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
        return Results.Ok(new EnrolmentResponse(id, token));
    }

    private static async Task<IResult> GetPlanAsync(
        string id,
        HttpRequest request,
        AgentAuthenticator authenticator,
        AgentPlans plans,
        IDbContextFactory<CentralDbContext> dbFactory,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (agent, problem) = await authenticator.AuthenticateAsync(id, request, cancellationToken);
        if (problem is not null) return problem;

        // A plan fetch is a sign of life too (an agent with nothing to report still fetches), and says its version.
        var version = AgentVersionOf(request) ?? agent!.Version;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Agents.Where(a => a.Id == agent!.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeenAt, clock.GetUtcNow()).SetProperty(a => a.Version, version), cancellationToken);
        }

        var entry = plans.For(agent!.Id, agent.HostName);
        if (entry is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Host not in the estate.",
                $"Agent '{id}' runs on host '{agent.HostName}', which the estate does not list; add it to the estate to give it a plan.");
        }

        var etag = $"\"{entry.Plan.Version}\"";
        request.HttpContext.Response.Headers.ETag = etag;
        if (request.Headers.IfNoneMatch.Any(v => v == etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Json(entry.Plan, ContractsJson.Options);
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
