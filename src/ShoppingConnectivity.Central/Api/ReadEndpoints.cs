using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Api;

/// <summary>Read-only views for scripts and dashboards: the catalogue and the current edges.</summary>
public static class ReadEndpoints
{
    public static IEndpointRouteBuilder MapReadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Security.CentralPolicies.Viewer);
        api.MapGet("/catalogue", (FlowCatalogue catalogue) => Results.Json(catalogue, FlowCatalogue.JsonOptions)).WithTags("Catalogue");
        api.MapGet("/edges", (LiveState live) => Results.Ok(live.Edges)).WithTags("Edges");
        api.MapGet("/agents", async (AgentDirectory agents, CancellationToken ct) => Results.Ok(await agents.ListAsync(ct))).WithTags("Agents");
        api.MapGet("/estate", (EstateStore estate) => Results.Ok(new
        {
            estate.Current.Name,
            estate.Path,
            estate.State.Version,
            estate.State.Source,
            estate.State.UpdatedAt,
            estate.State.UpdatedBy,
            estate.State.LoadedAt,
            estate.State.LastReloadErrors,
            Hosts = estate.Current.Hosts.Select(h => new { h.Name, Address = h.EffectiveAddress, h.Roles, h.Ports }),
            estate.Current.Switches,
            estate.Current.Ports,
        })).WithTags("Estate");
        return app;
    }
}
