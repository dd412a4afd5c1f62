using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central;

public static class Startup
{
    /// <summary>Fails fast on a bad estate, migrates the database and restores the live state before serving.</summary>
    public static async Task PrepareCentralAsync(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<EstateStore>();
        await app.Services.MigrateCentralDatabaseAsync();
        await app.Services.BootstrapUsersAsync();
        await app.Services.LoadLiveStateAsync();
        await app.Services.LoadAlertStateAsync();
        // The estate file may have changed while central was down: drop links no plan has any more.
        await app.Services.GetRequiredService<EstateChanges>().ApplyAsync();
    }
}
