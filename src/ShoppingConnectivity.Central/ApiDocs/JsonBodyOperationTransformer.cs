using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ShoppingConnectivity.Central.Api;

namespace ShoppingConnectivity.Central.ApiDocs;

/// <summary>The JSON body a handler reads itself (<see cref="JsonBodyMetadata"/>): the generator sees no body parameter.</summary>
internal sealed class JsonBodyOperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().LastOrDefault() is not { } body) return;
        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }
}
