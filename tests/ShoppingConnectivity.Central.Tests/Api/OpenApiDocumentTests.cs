using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.ApiDocs;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and Scalar's page at /api-docs. What is in the document: every endpoint
/// under /api and /healthz; out of it: the pages, the Blazor hub, static files, logout (a page's form) and the
/// document and its page themselves. An API endpoint added without a description fails
/// <see cref="Document_EveryApiEndpoint_IsDescribedWithItsMethod"/> by name.
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.Fixture>
{
    private readonly Fixture _fixture;

    public OpenApiDocumentTests(Fixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Document_AsViewer_IsValidOpenApi()
    {
        var (document, diagnostic) = await _fixture.ReadAsync();

        Assert.True(diagnostic.Errors.Count == 0, "Reader errors:\n" + string.Join("\n", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, "Validation errors:\n" + string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal("v1", document.Info.Version);
        Assert.StartsWith("3.1", diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "").Replace('_', '.'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_Anonymous_Is401()
    {
        using var client = _fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(ApiDocsExtensions.DocumentPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Document_EveryApiEndpoint_IsDescribedWithItsMethod()
    {
        var (document, _) = await _fixture.ReadAsync();
        var described = document.Paths
            .SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method.ToUpperInvariant()} {p.Key}"))
            .ToHashSet(StringComparer.Ordinal);

        var endpoints = ApiEndpoints(_fixture.Factory.Services);
        var missing = endpoints.Where(e => !described.Contains(e)).ToList();

        Assert.True(missing.Count == 0, "Endpoints missing from the OpenAPI document (describe them, or exclude them here and in the summary):\n" + string.Join("\n", missing));
        // Not vacuous: the areas are there, with the health check the document transformer adds.
        Assert.Contains("GET /api/v1/estate", endpoints);
        Assert.Contains("POST /api/v1/agents/{id}/results", endpoints);
        Assert.Contains("GET /api/v1/history/trend", endpoints);
        Assert.Contains("GET /healthz", described);
        // And nothing but the API: no page, hub or logout form.
        Assert.All(described, d => Assert.Matches("^[A-Z]+ /(api/|healthz$)", d));
    }

    [Fact]
    public async Task Document_EveryOperation_HasATagANameAndAnAnswer()
    {
        var (document, _) = await _fixture.ReadAsync();
        var operations = document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (Name: $"{o.Key.Method} {p.Key}", Operation: o.Value))).ToList();

        Assert.All(operations, o =>
        {
            Assert.True(o.Operation.Tags is { Count: > 0 }, $"{o.Name} has no tag");
            Assert.False(string.IsNullOrEmpty(o.Operation.OperationId), $"{o.Name} has no operationId (WithName)");
            Assert.False(string.IsNullOrEmpty(o.Operation.Summary), $"{o.Name} has no summary (WithSummary)");
            Assert.Contains(o.Operation.Responses!.Keys, k => k.StartsWith('2'));
        });
        var tags = operations.SelectMany(o => o.Operation.Tags!.Select(t => t.Name)).ToHashSet();
        Assert.Superset(new HashSet<string?> { ApiTags.Read, ApiTags.History, ApiTags.Estate, ApiTags.Agent, ApiTags.TestNow, ApiTags.Health }, tags);
    }

    [Fact]
    public async Task Document_IngestionPost_ListsItsProblemsBodyAndAgentToken()
    {
        var (_, _, json) = await _fixture.ReadWithJsonAsync();
        var post = json["paths"]!["/api/v1/agents/{id}/results"]!["post"]!;

        foreach (var status in new[] { "400", "401", "403", "409", "413", "415", "429", "503" })
        {
            var schema = post["responses"]![status]?["content"]?["application/problem+json"]?["schema"];
            Assert.True(schema?["$ref"]?.GetValue<string>() == "#/components/schemas/ProblemDetails", $"results POST should list {status} as problem details: {post["responses"]!.ToJsonString()}");
        }

        Assert.NotNull(post["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(post["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.Equal(ApiSecuritySchemes.AgentToken, Assert.Single(post["security"]!.AsArray())!.AsObject().Single().Key);
    }

    [Fact]
    public async Task Document_EstateGet_AnswersItsSchemaToASignedInViewer()
    {
        var (document, _, json) = await _fixture.ReadWithJsonAsync();
        var get = json["paths"]!["/api/v1/estate"]!["get"]!;

        var schema = get["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var name = schema["$ref"]!.GetValue<string>().Split('/')[^1];
        Assert.Equal("EstateInForce", name);
        var properties = json["components"]!["schemas"]![name]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("version", properties);
        // A person's session or an API token: two requirements, either of which will do.
        Assert.Equal([ApiSecuritySchemes.Session, ApiSecuritySchemes.ApiToken], get["security"]!.AsArray().Select(r => r!.AsObject().Single().Key));
        Assert.NotNull(get["responses"]!["401"]!["content"]!["application/problem+json"]);
        Assert.Contains("Viewer", get["description"]!.GetValue<string>());
        Assert.Contains(ApiSecuritySchemes.ApiToken, document.Components!.SecuritySchemes!.Keys);
    }

    [Fact]
    public async Task Document_FileDownloads_SayTheirContentTypeAnd304()
    {
        var (_, _, json) = await _fixture.ReadWithJsonAsync();

        var csv = json["paths"]!["/api/v1/history/trend.csv"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]!["schema"]!;
        var file = json["components"]!["schemas"]![csv["$ref"]!.GetValue<string>().Split('/')[^1]]!;
        Assert.Equal(("string", "binary"), (file["type"]!.GetValue<string>(), file["format"]!.GetValue<string>()));
        var export = json["paths"]!["/api/v1/estate/export"]!["get"]!["responses"]!;
        Assert.NotNull(export["200"]!["content"]!["application/yaml"]!["schema"]);
        Assert.NotNull(export["304"]);
        Assert.NotNull(export["503"]!["content"]!["application/problem+json"]);
    }

    [Fact]
    public async Task Page_AsViewer_IsScalarsHtmlWithItsNonce()
    {
        var client = await _fixture.ViewerAsync();

        // Scalar's own page is at /api-docs/ (/api-docs redirects there, as any browser follows).
        using var response = await client.GetAsync(ApiDocsExtensions.PagePath + "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"url\":\"openapi/v1.json\"", html);
        // Its inline start-up script runs by this answer's nonce; script-src stays 'self' otherwise.
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        // At least 128 bits, URL-safe: the page's HTML-encoded attribute matches the header's value whatever the bytes.
        Assert.Matches("^[A-Za-z0-9_-]{22,}$", nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html);
        Assert.DoesNotContain("unsafe-inline'; img", csp.Split("style-src")[0]);
    }

    [Fact]
    public async Task Page_Anonymous_GoesToTheLoginPage()
    {
        using var client = _fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(ApiDocsExtensions.PagePath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login?ReturnUrl=", response.Headers.Location?.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"GET /api/v1/edges": every endpoint of the app with a method whose route is under /api, as the document would write it.</summary>
    private static List<string> ApiEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Methods is not null && e.Route.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods!.Select(m => $"{m} {DocumentRoute(e.Route)}"))
            .Distinct()
            .OrderBy(e => e, StringComparer.Ordinal)
            .ToList();

    /// <summary>The document writes route constraints out of the path ("{requestId:guid}" is "{requestId}") and no trailing slash.</summary>
    private static string DocumentRoute(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{(\*{0,2})([A-Za-z0-9_]+)[^}]*\}", "{$2}").TrimEnd('/') is { Length: > 0 } r ? r : "/";

    /// <summary>One central and one signed-in Viewer for all the tests: the document is read, never changed.</summary>
    public sealed class Fixture : IDisposable
    {
        private HttpClient? _viewer;
        private string? _json;

        public CentralFactory Factory { get; } = new();

        public async Task<HttpClient> ViewerAsync() => _viewer ??= await Factory.SignInAsync(CentralRoles.Viewer);

        public async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadAsync()
        {
            var (document, diagnostic, _) = await ReadWithJsonAsync();
            return (document, diagnostic);
        }

        public async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic, JsonNode Json)> ReadWithJsonAsync()
        {
            if (_json is null)
            {
                var client = await ViewerAsync();
                using var response = await client.GetAsync(ApiDocsExtensions.DocumentPath);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                _json = await response.Content.ReadAsStringAsync();
                if (Environment.GetEnvironmentVariable("SC_DUMP_OPENAPI") is { Length: > 0 } dump) await File.WriteAllTextAsync(dump, _json);
            }

            var result = OpenApiDocument.Parse(_json, OpenApiConstants.Json);
            Assert.NotNull(result.Document);
            return (result.Document, result.Diagnostic!, JsonNode.Parse(_json)!);
        }

        public void Dispose()
        {
            _viewer?.Dispose();
            Factory.Dispose();
        }
    }
}
