using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.Hosting;

/// <summary>What central does before it serves: the one place that knows the order of the features' start steps.</summary>
public static class CentralStartup
{
    /// <summary>
    /// Migrates the database, readies the key ring, loads the estate (failing fast on a bad one) and restores the live
    /// state before serving: the first page after a restart shows what the last one showed, outages with their start.
    /// </summary>
    public static async Task PrepareCentralAsync(this WebApplication app)
    {
        await app.Services.MigrateCentralDatabaseAsync();
        await app.Services.PrepareKeyRingAsync();
        await app.Services.GetRequiredService<EstateStore>().InitializeAsync();
        await app.Services.BootstrapUsersAsync();
        await app.Services.RestoreEdgeHistoryAsync();
        await app.Services.LoadLiveStateAsync();
        await app.Services.LoadAlertStateAsync();
        // The estate (file or store) may have changed while central was down: drop links no plan has any more.
        await app.Services.GetRequiredService<PlanChanges>().ApplyAsync();
    }
}
