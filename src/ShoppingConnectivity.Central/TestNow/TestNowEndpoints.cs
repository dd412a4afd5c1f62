using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// "Test now": the agents' long-poll for what central asks of them (GET /api/v1/agents/{id}/requests?wait=25s, with
/// the agent's own token like every agent endpoint; additive: agents that never call it work as before).
/// </summary>
public static partial class TestNowEndpoints
{
    public static IEndpointRouteBuilder MapTestNowApi(this IEndpointRouteBuilder app)
    {
        app.MapAgentGroup().MapGet("/{id}/requests", WaitForRequestsAsync).RequireAgentToken();
        return app;
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
