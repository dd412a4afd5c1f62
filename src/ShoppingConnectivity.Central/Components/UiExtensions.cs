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
        // Every time a page shows is in its reader's zone: chosen per user, else their browser's.
        builder.Services.AddScoped<UserTimeZone>();
        builder.Services.AddScoped<UserTheme>();
        builder.Services.AddSingleton<TimeZonePreferences>();
        return builder;
    }

    /// <summary>The shared assets under /assets (styles, icons): public, served before sign-in is checked (the login page uses them).</summary>
    public static WebApplication UseCentralAssets(this WebApplication app)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, AssetsFolder);
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets), RequestPath = "/assets" });
        }

        return app;
    }

    public static WebApplication MapCentralUi(this WebApplication app)
    {
        // Framework and library files (blazor.web.js, MudBlazor's css and js) are public; pages carry their folder's policy.
        app.MapStaticAssets().AllowAnonymous();
        // Before the hub's endpoints run: its connections end when central stops.
        app.UseMiddleware<CircuitShutdownMiddleware>();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
