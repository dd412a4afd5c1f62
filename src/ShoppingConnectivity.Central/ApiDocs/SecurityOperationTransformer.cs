using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.ApiDocs;

/// <summary>
/// Who may call each operation, read from the endpoint's own metadata so a new endpoint is described as it is enforced:
/// an agent-token endpoint (<see cref="SecuritySchemeMetadata"/>) names that scheme; any other endpoint that does not
/// allow anonymous callers needs a person's session (the fallback policy). Either answers 401 and 403 as problem
/// details; a rate-limited endpoint 429 with Retry-After.
/// </summary>
internal sealed class SecurityOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scheme = metadata.OfType<SecuritySchemeMetadata>().LastOrDefault()?.Scheme;
        if (scheme is null && !metadata.OfType<IAllowAnonymous>().Any()) scheme = ApiSecuritySchemes.Session;

        operation.Responses ??= new OpenApiResponses();
        if (scheme is not null)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
            // The people's API takes an API token instead of the session (either one: two requirements).
            if (scheme == ApiSecuritySchemes.Session && ("/" + context.Description.RelativePath).StartsWith("/api/", StringComparison.Ordinal))
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiSecuritySchemes.ApiToken, context.Document)] = [] });
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "Not signed in, or the token is not valid here.", cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, "Signed in without the role this needs (or, for an agent, its enrolment waits for an Admin).", cancellationToken);
            if (scheme == ApiSecuritySchemes.Session) operation.Description = Join(operation.Description, $"Needs a signed-in {LowestRole(metadata)}.");
        }

        if (metadata.OfType<AgentRateLimitMetadata>().Any() && !metadata.OfType<DisableRateLimitingAttribute>().Any())
        {
            await AddProblemAsync(operation, context, StatusCodes.Status429TooManyRequests, "Too many requests: try again after Retry-After seconds.", cancellationToken);
        }
    }

    /// <summary>The lowest role of the endpoint's policies (Viewer when it has none: the fallback policy).</summary>
    private static string LowestRole(IList<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Select(p => p!).LastOrDefault() ?? CentralPolicies.Viewer;

    private static string Join(string? description, string line) => string.IsNullOrEmpty(description) ? line : description + "\n\n" + line;

    /// <summary>A problem-details answer, unless the endpoint describes that status itself.</summary>
    internal static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, CancellationToken cancellationToken)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key)) return;
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }
}
