using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.ApiDocs;

/// <summary>
/// The document's title, the security schemes the operations name (<see cref="ApiSecuritySchemes"/>), the tags' words,
/// and GET /healthz (a health-check endpoint, which the generator does not see).
/// </summary>
internal sealed class CentralDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Shopping Connectivity central",
            Version = ApiDocsExtensions.DocumentName,
            Description = "The read, history, estate and agent APIs of Shopping Connectivity's central. Problems answer as "
                + "problem details (RFC 9457) that name what is wrong.",
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiSecuritySchemes.Session] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SecurityExtensions.CookieName,
            Description = "A person's sign-in (the login page sets the cookie); the endpoint's role is in its description.",
        };
        document.Components.SecuritySchemes[ApiSecuritySchemes.AgentToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The agent's own token, answered by POST /api/v1/agents/enrol; valid only for the agent id in the route.",
        };
        document.Components.SecuritySchemes[ApiSecuritySchemes.ApiToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token for scripts (scat_...), made by an Admin on Settings, API tokens, with the Viewer or Operator role; taken on the people's API in place of a sign-in.",
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in TagDescriptions)
        {
            var tag = document.Tags.FirstOrDefault(t => t.Name == name);
            if (tag is null) document.Tags.Add(tag = new OpenApiTag { Name = name });
            tag.Description = description;
        }

        ShareProblemSchema(document);

        document.Paths ??= new OpenApiPaths();
        document.Paths["/healthz"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "GetHealth",
                    Summary = "Healthy once the database is migrated; 503 while central stops.",
                    Tags = new HashSet<OpenApiTagReference> { new(ApiTags.Health, document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = PlainText("Healthy."),
                        ["503"] = PlainText("Unhealthy: stopping, or not ready yet."),
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// The problems the operation transformers add (401, 403, 429) name the one ProblemDetails schema the generator
    /// made for ProducesProblem, rather than each a copy of it. (Document transformers run after the operations'.)
    /// </summary>
    private static void ShareProblemSchema(OpenApiDocument document)
    {
        const string name = "ProblemDetails";
        if (document.Components?.Schemas?.ContainsKey(name) != true || document.Paths is null) return;
        var media = document.Paths.Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Responses?.Values.AsEnumerable() ?? [])
            .SelectMany(r => r.Content?.Where(c => c.Key == "application/problem+json").Select(c => c.Value) ?? []);
        foreach (var problem in media)
        {
            if (problem.Schema is not OpenApiSchemaReference) problem.Schema = new OpenApiSchemaReference(name, document);
        }
    }

    private static readonly (string Name, string Description)[] TagDescriptions =
    [
        (ApiTags.Read, "The live state a Viewer reads: catalogue, edges, suspects, agents."),
        (ApiTags.History, "Trends, outages, availability and replays, as JSON and CSV."),
        (ApiTags.Estate, "The estate in force and its downloads (estate file, firewall rules)."),
        (ApiTags.Agent, "What agents call, with their own token: enrolment, plan, results, requests."),
        (ApiTags.TestNow, "Ask the agents of an edge, host or link to probe now (Operators), and follow it."),
        (ApiTags.Alerts, "Alerts as the Alerts pages show them; acknowledging one (Operators) stops its reminders."),
        (ApiTags.Health, "For load balancers and service managers; no sign-in."),
    ];

    private static OpenApiResponse PlainText(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
    };
}
