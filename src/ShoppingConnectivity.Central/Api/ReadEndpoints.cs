using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Api;

/// <summary>Read-only views for scripts and dashboards: the catalogue and the current edges.</summary>
public static class ReadEndpoints
{
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/catalogue", (FlowCatalogue catalogue) => Results.Json(catalogue, FlowCatalogue.JsonOptions)).WithTags("Catalogue");
        api.MapGet("/edges", (LiveState live) => Results.Ok(live.Edges)).WithTags("Edges");
        return app;
    }
}
