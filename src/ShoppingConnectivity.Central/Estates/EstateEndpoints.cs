using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Firewall;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>The estate in force as JSON, and downloads of it: the estate file (JSON or YAML) and the firewall rules it needs.</summary>
public static class EstateEndpoints
{
    public static IEndpointRouteBuilder MapEstateApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(CentralPolicies.Viewer).MapGet("/estate", (EstateStore estate) => TypedResults.Ok(EstateInForce.Of(estate))).WithTags("Estate");
        var estate = app.MapGroup("/api/v1/estate").WithTags("Estate");
        estate.MapGet("/export", Export);
        estate.MapGet("/firewall.csv", (EstateStore store, FlowCatalogue catalogue) =>
            Download(FirewallCsv.Write(FirewallRules.For(catalogue, store.Current)), "text/csv", FileName(store, "firewall-rules", "csv")));
        estate.MapGet("/firewall.ps1", (EstateStore store, FlowCatalogue catalogue) =>
            Download(FirewallPowerShell.Write(catalogue, store.Current, FirewallRules.For(catalogue, store.Current)), "text/plain", FileName(store, "firewall-rules", "ps1")));
        return app;
    }

    /// <summary>GET /api/v1/estate/export?format=json|yaml: the estate file as the import reads it back.</summary>
    private static Results<FileContentHttpResult, ProblemHttpResult> Export(EstateStore store, string? format)
    {
        switch (format?.ToLowerInvariant())
        {
            case null or "" or "json":
                return Download(EstateFile.ToJson(store.Current), "application/json", FileName(store, "estate", "json"));
            case "yaml" or "yml":
                return Download(EstateFile.ToYaml(store.Current), "application/yaml", FileName(store, "estate", "yaml"));
            default:
                return Problems.Invalid([$"format: '{format}' is not an export format (json, yaml)."]);
        }
    }

    private static FileContentHttpResult Download(string text, string contentType, string fileName) =>
        TypedResults.File(new UTF8Encoding(false).GetBytes(text), contentType + "; charset=utf-8", fileName);

    /// <summary>estate-contoso-v12.yaml: the estate's name made safe for a file name, and its version.</summary>
    private static string FileName(EstateStore store, string what, string extension)
    {
        var name = new string(store.Current.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (name.Contains("--", StringComparison.Ordinal)) name = name.Replace("--", "-", StringComparison.Ordinal);
        return $"{what}-{(name.Length == 0 ? "estate" : name)}-v{store.State.Version}.{extension}";
    }
}
