using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Catalogue;

public static class CatalogueExtensions
{
    /// <summary>The flow catalogue shipped with the product (Core), one instance for all of central.</summary>
    public static IHostApplicationBuilder AddCatalogue(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => FlowCatalogue.Default);
        return builder;
    }

    /// <summary>GET /api/v1/catalogue: the flow catalogue as JSON.</summary>
    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(CentralPolicies.Viewer)
            .MapGet("/catalogue", (FlowCatalogue catalogue) => TypedResults.Json(catalogue, FlowCatalogue.JsonOptions))
            .WithTags(ApiTags.Read).WithName("GetCatalogue").WithSummary("The flow catalogue: roles, flows and their ports.")
            // Json results declare no type for the document: said here.
            .Produces<FlowCatalogue>();
        return app;
    }
}
