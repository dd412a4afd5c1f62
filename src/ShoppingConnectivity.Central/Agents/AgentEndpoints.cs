using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Audit;
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
        agents.MapPost("/enrol", EnrolAsync).ReadsJsonBody<EnrolmentRequest>()
            // 401 wrong key, 403 enrolment off, 429 locked out or too many waiting.
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests)
            .WithName("EnrolAgent").WithSummary("Enrols an agent with an enrolment key: 200 with its token, or 202 when an Admin must approve it first.");
        agents.MapGet("/{id}/plan", GetPlan).RequireAgentToken()
            .Produces<AgentPlan>().Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetAgentPlan").WithSummary("The host's plan (probes, intervals, reporting policy) with its version as ETag; 304 on If-None-Match.");
        app.MapGroup("/api/v1").RequireAuthorization(CentralPolicies.Viewer).MapGet("/agents", ListAsync)
            .WithTags(ApiTags.Read).WithName("ListAgents").WithSummary("Every agent: host, state, version, last seen.");
        return app;
    }

    /// <summary>
    /// The group every agent endpoint is in: agents prove themselves with their own bearer token
    /// (<see cref="AgentTokenExtensions.RequireAgentToken"/>) or the enrolment key, not with a person's sign-in; their
    /// requests are rate-limited per agent; refusals are logged once.
    /// </summary>
    public static RouteGroupBuilder MapAgentGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/agents").WithTags(ApiTags.Agent).AllowAnonymous().WithMetadata(AgentRateLimitMetadata.Instance)
            .LogProblems();

    private static async Task<Ok<IReadOnlyList<AgentView>>> ListAsync(AgentDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(cancellationToken));

    private static async Task<Results<Ok<EnrolmentResponse>, Accepted<EnrolmentResponse>, ProblemHttpResult>> EnrolAsync(
        HttpContext context,
        EnrolmentKeys keys,
        EnrolmentThrottle throttle,
        AgentEnrolment enrolment,
        FlowCatalogue catalogue,
        IAuditLog audit,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await Problems.ReadJsonAsync<EnrolmentRequest>(context.Request, ContractsJson.Options, MaxEnrolBodyBytes);
        if (problem is not null) return problem;

        var errors = EnrolmentValidator.Validate(request!, catalogue);
        if (errors.Count > 0) return Problems.Invalid(errors);

        // Locked out for wrong keys: the key is not even looked at, so guessing gains nothing while it lasts.
        var address = ClientAddress.Of(context);
        var wait = throttle.WaitFor(address);
        if (wait > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many wrong enrolment keys.",
                $"Enrolment from {address} is locked out for {seconds} s after wrong enrolment keys; each further wrong key doubles the wait.");
        }

        var check = await keys.CheckAsync(request!.EnrolmentKey, cancellationToken);
        if (!check.Accepted)
        {
            throttle.Failed(address);
            if (check.KeyName is null && !await keys.AnyActiveAsync(cancellationToken))
            {
                return Problems.Status(StatusCodes.Status403Forbidden, "Enrolment is off.",
                    $"Create an enrolment key on central's Enrolment keys page, or set {CentralOptions.Section}:EnrolmentKey, to let agents enrol.");
            }

            // A revoked or expired key says so: whoever holds it knew it once, and the fix is a new key. (Refusals are
            // logged once, by the group's LogProblems.)
            return Problems.Status(StatusCodes.Status401Unauthorized, "Enrolment key rejected.", check.Reason!);
        }

        throttle.Succeeded(address);
        var result = await enrolment.EnrolAsync(request, check.KeyName, address, BearerToken.Of(context.Request), cancellationToken);
        var logger = loggers.CreateLogger(typeof(AgentEndpoints));
        if (result.Refusal is not null)
        {
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many enrolments waiting.", result.Refusal);
        }

        if (!result.Pending)
        {
            logger.LogInformation("Agent {Host} enrolled with key {Key}.", request.HostName, check.KeyName);
            return TypedResults.Ok(new EnrolmentResponse(result.AgentId, result.Token!));
        }

        var reason = EnrolmentPolicy.ReasonOf(result.Verdict);
        logger.LogWarning("Enrolment of {Host} from {Address} waits for an Admin: {Reason}.", request.HostName, address, reason);
        await audit.RecordAsAsync(AuditLog.SystemActor, "agent.enrol.pending", result.AgentId, $"from {address} with key {check.KeyName}: {reason}", cancellationToken);
        return TypedResults.Accepted((string?)null, new EnrolmentResponse(result.AgentId, result.Token!, true, PendingDetail(reason)));
    }

    /// <summary>What a waiting agent is told, at enrolment and on each call until an Admin decides.</summary>
    public static string PendingDetail(string reason) =>
        $"Enrolment waits for an Admin's approval on central's Agents page ({reason}); the agent keeps its token and results and tries again.";

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
