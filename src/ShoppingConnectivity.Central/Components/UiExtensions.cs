using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace ShoppingConnectivity.Central.Components;

public static class UiExtensions
{
    /// <summary>Folder of the repo's shared static assets, copied beside the app at build and publish.</summary>
    public const string AssetsFolder = "wwwroot-assets";

    public static IHostApplicationBuilder AddCentralUi(this WebApplicationBuilder builder)
    {
        // Serves MudBlazor's files from the package cache when running from bin/ outside Development too.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapCentralUi(this WebApplication app)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, AssetsFolder);
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets), RequestPath = "/assets" });
        }

        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
