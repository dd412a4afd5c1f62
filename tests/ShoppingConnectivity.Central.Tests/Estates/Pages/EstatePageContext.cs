using ShoppingConnectivity.Central.Components;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Tests.Estates.Pages;

/// <summary>
/// The estate pages rendered by bUnit over a real store: SQLite database and estate file in a temporary folder.
/// MudBlazor services dispose only asynchronously, so tests own and dispose it async.
/// </summary>
public sealed class EstatePageContext : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));

    private EstatePageContext()
    {
        Directory.CreateDirectory(_directory);
        EstatePath = Path.Combine(_directory, "estate.json");
        File.WriteAllText(EstatePath, CentralFactory.EstateJson);
        var options = Options.Create(new CentralOptions { DataDirectory = _directory, EstatePath = EstatePath });
        Bunit.Services.AddDbContextFactory<CentralDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_directory, "central.db")}"));
        Bunit.Services.AddMudServices();
        Bunit.Services.AddScoped<UserTimeZone>();
        Bunit.Services.AddSingleton(FlowCatalogue.Default);
        Bunit.Services.AddSingleton(options);
        Bunit.Services.AddSingleton(TimeProvider.System);
        Bunit.Services.AddSingleton(s => TestEstates.Of(options, s.GetRequiredService<IDbContextFactory<CentralDbContext>>()));
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public BunitContext Bunit { get; } = new();

    public string EstatePath { get; }

    public EstateStore Store => Bunit.Services.GetRequiredService<EstateStore>();

    /// <param name="services">More services the page under test needs.</param>
    public static async Task<EstatePageContext> StartAsync(Action<IServiceCollection>? services = null)
    {
        var context = new EstatePageContext();
        services?.Invoke(context.Bunit.Services);
        await using (var db = await context.Bunit.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        await context.Store.InitializeAsync();
        // Selects and message boxes open in popovers, which need their provider on the page.
        context.Bunit.Render<MudPopoverProvider>();
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        CentralFactory.ClearSqlitePool(_directory);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
