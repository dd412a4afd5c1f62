using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Api;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>The estate in force as JSON, and downloads of it: the estate file (JSON or YAML) and the firewall rules it needs.</summary>
public static class EstateEndpoints
{
    public static IEndpointRouteBuilder MapEstateApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(CentralPolicies.Viewer).MapGet("/estate", (EstateStore estate) => TypedResults.Ok(EstateInForce.Of(estate)))
            .WithTags(ApiTags.Estate).WithName("GetEstate").WithSummary("The estate in force: its version, hosts, roles and overrides.");
        var estate = app.MapGroup("/api/v1/estate").WithTags(ApiTags.Estate);
        estate.MapGet("/export", Export).Download("application/json", "application/yaml").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("ExportEstate").WithSummary("The estate file as the import reads it back (format: json or yaml).");
        estate.MapGet("/firewall.csv", (HttpContext context, EstateExports exports, IOptions<EstateExportOptions> options, CancellationToken cancellationToken) =>
            Download(context, exports, options.Value, EstateExportKind.FirewallCsv, cancellationToken))
            .Download("text/csv").WithName("GetFirewallCsv").WithSummary("The firewall rules the estate needs, one row per rule.");
        estate.MapGet("/firewall.ps1", (HttpContext context, EstateExports exports, IOptions<EstateExportOptions> options, CancellationToken cancellationToken) =>
            Download(context, exports, options.Value, EstateExportKind.FirewallPowerShell, cancellationToken))
            .Download("text/plain").WithName("GetFirewallScript").WithSummary("The firewall rules as a PowerShell script.");
        return app;
    }

    /// <summary>For the document: a file (Stream: a binary string; ETag, 304 when the client has it) or 503 with Retry-After past the cap on exports at once.</summary>
    private static RouteHandlerBuilder Download(this RouteHandlerBuilder endpoint, string contentType, params string[] more) =>
        endpoint.Produces<Stream>(StatusCodes.Status200OK, contentType, more)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>GET /api/v1/estate/export?format=json|yaml: the estate file as the import reads it back.</summary>
    private static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Export(
        HttpContext context, EstateExports exports, IOptions<EstateExportOptions> options, string? format, CancellationToken cancellationToken)
    {
        EstateExportKind? kind = format?.ToLowerInvariant() switch
        {
            null or "" or "json" => EstateExportKind.EstateJson,
            "yaml" or "yml" => EstateExportKind.EstateYaml,
            _ => null,
        };
        return kind is null
            ? Problems.Invalid([$"format: '{format}' is not an export format (json, yaml)."])
            : await Download(context, exports, options.Value, kind.Value, cancellationToken);
    }

    /// <summary>
    /// An export of the estate in force, generated once per version (<see cref="EstateExports"/>) and streamed from its
    /// file, with the version as ETag. A client that has it gets 304 at no cost; past the cap on exports served at
    /// once, 503 with Retry-After.
    /// </summary>
    private static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Download(
        HttpContext context, EstateExports exports, EstateExportOptions options, EstateExportKind kind, CancellationToken cancellationToken)
    {
        var etag = exports.CurrentETag;
        // Browsers ask again every time (a cheap 304): a copy kept by heuristic freshness would outlive an estate change.
        context.Response.Headers.CacheControl = "private, no-cache";
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false)))
        {
            context.Response.Headers.ETag = etag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var place = exports.TryEnter();
        if (place is null)
        {
            context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Too many exports at once.",
                $"Central serves at most {options.MaxConcurrent} exports at once ({EstateExportOptions.Section}:MaxConcurrent); "
                + $"try again in {options.RetryAfterSeconds} s (Retry-After).");
        }

        // Held until the last byte is sent (or the client goes away), not only until the file is ready.
        context.Response.RegisterForDispose(place);
        var download = await exports.OpenAsync(kind, cancellationToken);
        return TypedResults.File(download.Content, download.ContentType, download.FileName, download.LastModified, download.ETag, enableRangeProcessing: true);
    }
}
