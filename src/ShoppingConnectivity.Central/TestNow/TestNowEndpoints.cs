using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// "Test now": people ask (POST /api/v1/test-now, Operators and Admins) and follow it (GET /api/v1/test-now/{requestId});
/// the agents' long-poll for what central asks of them (GET /api/v1/agents/{id}/requests?wait=25s, with
/// the agent's own token like every agent endpoint; additive: agents that never call it work as before).
/// </summary>
public static partial class TestNowEndpoints
{
    public static IEndpointRouteBuilder MapTestNowApi(this IEndpointRouteBuilder app)
    {
        app.MapAgentGroup().MapGet("/{id}/requests", WaitForRequestsAsync).RequireAgentToken()
            .Produces<AgentRequests>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("WaitForAgentRequests").WithSummary("Long-poll (wait: 25, 25s or 500ms) for what central asks of the agent; 204 when nothing came.");
        var people = app.MapGroup("/api/v1/test-now").WithTags(ApiTags.TestNow);
        people.MapPost("", AskAsync).RequireAuthorization(CentralPolicies.Operator).ReadsJsonBody<TestNowQuery>()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests)
            .WithName("AskTestNow").WithSummary("Asks the agents of an edge, host or link to probe it now: 202 with who was asked, 200 when nobody could be.");
        people.MapGet("/{requestId:guid}", Status).RequireAuthorization(CentralPolicies.Viewer).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetTestNow").WithSummary("Each asked agent's part of a request: Queued, PickedUp or Expired.");
        return app;
    }

    /// <summary>The most a query may weigh: three names.</summary>
    private const int MaxQueryBytes = 16 * 1024;

    /// <summary>
    /// Operators and Admins: asks the agents of an edge, a host or a link to probe it now. 202 with who was asked (and who
    /// not: offline agents are named); 200 when nobody could be asked; 429 with Retry-After within 10 s of the last
    /// test of the same target; 404 for an unknown edge or host.
    /// </summary>
    private static async Task<Results<Accepted<TestNowAnswer>, Ok<TestNowAnswer>, ProblemHttpResult>> AskAsync(
        HttpContext context,
        TestNowService service,
        CancellationToken cancellationToken)
    {
        var (query, problem) = await Problems.ReadJsonAsync<TestNowQuery>(context.Request, ContractsJson.Options, MaxQueryBytes);
        if (problem is not null) return problem;
        var (target, errors) = query!.Read();
        if (target is null) return Problems.Invalid(errors);

        var answer = await service.AskAsync(target, cancellationToken);
        switch (answer.Verdict)
        {
            case TestNowVerdict.Asked:
                return TypedResults.Accepted($"/api/v1/test-now/{answer.RequestId}", answer);
            case TestNowVerdict.TooSoon:
                var seconds = Math.Max(1, (int)Math.Ceiling((answer.RetryAt!.Value - answer.At).TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Problems.Status(StatusCodes.Status429TooManyRequests, "Tested a moment ago.", answer.Text);
            case TestNowVerdict.Unknown:
                return Problems.Status(StatusCodes.Status404NotFound, "Nothing of that name.", answer.Text);
            default:
                return TypedResults.Ok(answer);
        }
    }

    /// <summary>Each asked agent's part of a request: Queued, PickedUp or Expired (not picked up in time).</summary>
    private static Results<Ok<IReadOnlyList<AgentRequestStatus>>, ProblemHttpResult> Status(Guid requestId, TestNowService service)
    {
        var status = service.StatusOf(requestId);
        return status.Count == 0
            ? Problems.Status(StatusCodes.Status404NotFound, "No such request.", $"Test now {requestId} is unknown here, or older than {AgentRequestQueue.KeepStatus.TotalMinutes:0} minutes.")
            : TypedResults.Ok(status);
    }

    /// <summary>What is queued for the agent, at once; else the first thing queued within the wait; else 204 after it.</summary>
    private static async Task<Results<JsonHttpResult<AgentRequests>, NoContent, ProblemHttpResult>> WaitForRequestsAsync(
        string id,
        string? wait,
        HttpContext context,
        AgentRequestQueue queue,
        IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        if (ReadWait(wait) is not { } span)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Bad wait.",
                $"'wait' is a number of seconds (25 or 25s), or of milliseconds (500ms), at most {AgentRequests.MaxWait.TotalSeconds:0} s; it was '{wait}'.");
        }

        // Central stopping ends every long-poll at once: a 204, and the agent asks again (of the next node, or later).
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        IReadOnlyList<AgentRequest> requests;
        try
        {
            requests = await queue.WaitAsync(context.Agent().Id, span, linked.Token);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.NoContent();
        }

        return requests.Count == 0 ? TypedResults.NoContent() : TypedResults.Json(new AgentRequests(requests), ContractsJson.Options);
    }

    /// <summary>'25', '25s' or '500ms' up to <see cref="AgentRequests.MaxWait"/>; none given: <see cref="AgentRequests.DefaultWait"/>; null when unreadable.</summary>
    public static TimeSpan? ReadWait(string? wait)
    {
        if (string.IsNullOrEmpty(wait)) return AgentRequests.DefaultWait;
        var match = WaitPattern().Match(wait);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
        var span = match.Groups[2].Value == "ms" ? TimeSpan.FromMilliseconds(number) : TimeSpan.FromSeconds(Math.Min(number, 86_400));
        return span <= AgentRequests.MaxWait ? span : null;
    }

    [GeneratedRegex("^([0-9]{1,9})(s|ms)?$")]
    private static partial Regex WaitPattern();
}
