using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Audit;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Alerts for scripts: read them (Viewers) and acknowledge one (Operators), as the alert pages do.</summary>
public static class AlertEndpoints
{
    public const int MaxNoteLength = 1000;

    private const int MaxBodyBytes = 16 * 1024;

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapAlertApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").WithTags(ApiTags.Alerts).LogProblems();
        alerts.MapGet("", ListAsync).RequireAuthorization(CentralPolicies.Viewer)
            .WithName("ListAlerts").WithSummary("The newest alerts (at most 200) with their state changes and mails.");
        alerts.MapGet("/{id:long}", FindAsync).RequireAuthorization(CentralPolicies.Viewer).ProducesProblems(StatusCodes.Status404NotFound)
            .WithName("GetAlert").WithSummary("One alert with its state changes and mails.");
        alerts.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).RequireAuthorization(CentralPolicies.Operator).ReadsJsonBody<AlertAcknowledgeRequest>()
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithName("AcknowledgeAlert").WithSummary("Stops an open alert's reminders, with an optional note; audited. 409 when it is closed or acknowledged already.");
        return app;
    }

    /// <summary>The newest alerts (at most 200), with their state changes and mails.</summary>
    private static async Task<Ok<IReadOnlyList<AlertView>>> ListAsync(AlertHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.ListAsync(cancellationToken: cancellationToken));

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> FindAsync(long id, AlertHistory history, CancellationToken cancellationToken) =>
        await history.FindAsync(id, cancellationToken) is { } alert ? TypedResults.Ok(alert) : NotFound(id);

    /// <summary>
    /// Stops an open alert's reminders, by the caller (a person or "token:name"), audited like the page's button.
    /// The body { "note": "..." } is optional. 404 for an unknown alert, 409 for one that is not open or already acknowledged.
    /// </summary>
    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> AcknowledgeAsync(
        long id, HttpContext context, AlertEvaluator evaluator, AlertHistory history, IAuditLog audit, CancellationToken cancellationToken)
    {
        string? note = null;
        if (context.Request.ContentLength is not 0 && (context.Request.ContentType is not null || context.Request.ContentLength is not null))
        {
            var (body, problem) = await Problems.ReadJsonAsync<AlertAcknowledgeRequest>(context.Request, Json, MaxBodyBytes);
            if (problem is not null) return problem;
            note = body!.Note;
        }

        if (note is { Length: > MaxNoteLength }) return Problems.Invalid([$"note: at most {MaxNoteLength} characters (is {note.Length})."]);
        var alert = await history.FindAsync(id, cancellationToken);
        if (alert is null) return NotFound(id);
        // The page offers no second acknowledgement; a script asking twice must not overwrite who acknowledged first.
        if (alert.AcknowledgedAt is not null)
            return Problems.Status(StatusCodes.Status409Conflict, "Already acknowledged.", $"Alert {id} was acknowledged by {alert.AcknowledgedBy} already.");

        var by = context.User.Identity?.Name ?? "";
        var error = await evaluator.AcknowledgeAsync(id, by, note, cancellationToken);
        if (error is not null) return Problems.Status(StatusCodes.Status409Conflict, "The alert cannot be acknowledged.", error);
        await audit.RecordAsync("alert.acknowledge", id.ToString(CultureInfo.InvariantCulture), note, cancellationToken);
        return TypedResults.Ok((await history.FindAsync(id, cancellationToken))!);
    }

    private static ProblemHttpResult NotFound(long id) =>
        Problems.Status(StatusCodes.Status404NotFound, "No such alert.", $"Alert {id} does not exist.");
}
