using System.Security.Cryptography;
using Scalar.AspNetCore;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.ApiDocs;

/// <summary>
/// The OpenAPI document of central's APIs (read, history, estate, agent, test now, health), generated from the endpoints'
/// typed results and metadata, and Scalar's page to read and try it. Both for signed-in Viewers only: the document
/// names every endpoint, which is no business of an anonymous caller.
/// </summary>
public static class ApiDocsExtensions
{
    public const string DocumentName = "v1";

    /// <summary>The document's address (the route MapOpenApi maps, with its name filled in).</summary>
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";

    /// <summary>Scalar's page for people.</summary>
    public const string PagePath = "/api-docs";

    public static IHostApplicationBuilder AddCentralOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer<CentralDocumentTransformer>();
            o.AddOperationTransformer<SecurityOperationTransformer>();
            o.AddOperationTransformer<JsonBodyOperationTransformer>();
        });
        return builder;
    }

    public static WebApplication MapCentralOpenApi(this WebApplication app)
    {
        app.MapOpenApi().RequireAuthorization(CentralPolicies.Viewer);
        app.MapScalarApiReference(PagePath, (options, context) =>
        {
            // Scalar starts itself with an inline script: allowed by a nonce of this response only (the CSP forbids
            // inline scripts everywhere else). Nothing that would reach the internet (fonts, telemetry, its hosted
            // tools and AI agent), which central's network may not reach and which is no business of its API's readers.
            // URL-safe: Scalar HTML-encodes the attribute, and '+' would not match the header's nonce.
            var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
            context.Items[SecurityHeadersMiddleware.ScriptNonceItem] = nonce;
            options.WithTitle("Shopping Connectivity API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce(nonce)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .HideDeveloperTools()
                .DisableAgent()
                .DisableMcp();
        }).RequireAuthorization(CentralPolicies.Viewer);
        return app;
    }
}
