using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Ingestion;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>POST /api/v1/agents/{id}/results: an agent's batch of results, answered once it is committed.</summary>
public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        app.MapAgentGroup().MapPost("/{id}/results", PostResultsAsync).RequireAgentToken().ReadsJsonBody<ResultBatch>()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable)
            .WithName("PostAgentResults").WithSummary("An agent's batch of results, answered once committed; the same batch again is stored once.");
        return app;
    }

    private static async Task<Results<Ok<ResultBatchAccepted>, ProblemHttpResult>> PostResultsAsync(
        HttpContext context,
        IngestionWriter writer,
        FlowCatalogue catalogue,
        AgentProbes probes,
        IOptions<CentralOptions> options,
        IOptions<SecurityOptions> security,
        IDbContextFactory<CentralDbContext> dbFactory,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var agent = context.Agent();
        var request = context.Request;
        var (batch, readProblem) = await Problems.ReadJsonAsync<ResultBatch>(request, ContractsJson.Options, security.Value.MaxResultsBodyKilobytes * 1024L);
        if (readProblem is not null) return readProblem;

        var errors = ResultBatchValidator.Validate(batch!, catalogue, clock.GetUtcNow(), options.Value.MaxResultsPerBatch);
        // Only probes the agent was given, now or in a recent plan: a batch with any other is refused whole, nothing stored.
        if (errors.Count == 0) errors = await probes.ValidateAsync(agent, batch!, cancellationToken);
        if (errors.Count > 0) return Problems.Invalid(errors);

        // Answered only once the batch is committed (group commit with other agents' batches).
        var outcome = await writer.SubmitAsync(agent, batch!, cancellationToken);
        switch (outcome.Status)
        {
            case IngestionStatus.Stored when outcome.Accepted!.Duplicate:
                // A batch sent again after a lost answer is the same batch (stored once, 200). The same id with another
                // number of results is not a retry: refuse it rather than pretend it was stored. (Read only for
                // duplicates, which are rare: the writer's fast path stays free of extra queries.)
                await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                {
                    var stored = await db.Batches.Where(b => b.AgentId == agent.Id && b.BatchId == batch!.BatchId).Select(b => (int?)b.Count).FirstOrDefaultAsync(cancellationToken);
                    if (stored is { } count && count != batch!.Results.Count)
                    {
                        return Problems.Status(StatusCodes.Status409Conflict, "Batch id used already.",
                            $"batchId: {batch.BatchId} was stored already with {count} results; this batch has {batch.Results.Count}. Give a new batch a new id.");
                    }
                }

                return TypedResults.Ok(outcome.Accepted);
            case IngestionStatus.Stored:
                return TypedResults.Ok(outcome.Accepted);
            case IngestionStatus.Busy or IngestionStatus.Unavailable:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.Status(StatusCodes.Status503ServiceUnavailable,
                    outcome.Status == IngestionStatus.Busy ? "Central is busy." : "Central cannot store results now.",
                    outcome.Error ?? $"Too many results are waiting to be stored; send the batch again after {outcome.RetryAfter.TotalSeconds:0} s (Retry-After).");
            default:
                return Problems.Status(StatusCodes.Status500InternalServerError, "The batch could not be stored.", outcome.Error ?? "Storing the batch failed.");
        }
    }
}
