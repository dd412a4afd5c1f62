using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Live;

public static class LiveStateExtensions
{
    public static IHostApplicationBuilder AddEstateAndLiveState(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => FlowCatalogue.Default);
        builder.Services.AddSingleton<EstateStore>();
        builder.Services.AddSingleton<LiveState>();
        builder.Services.AddSingleton<Ingestion.AgentPlans>();
        builder.Services.AddSingleton<EstateChanges>();
        builder.Services.AddHostedService(s => s.GetRequiredService<EstateChanges>());
        return builder;
    }

    /// <summary>Loads the stored links so a restarted central shows what it knew before.</summary>
    public static async Task LoadLiveStateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var links = await db.Links.AsNoTracking().ToListAsync(cancellationToken);
        services.GetRequiredService<LiveState>().Apply(links.Select(ToSnapshot));
    }

    public static LinkSnapshot ToSnapshot(this LinkRecord l) =>
        new(l.AgentId, l.ProbeId, l.FlowId, l.TargetHost, l.Port, l.Outcome, l.Since, l.LastAt, l.LatencyMs, l.Detail, l.IntervalSeconds, l.Degraded);
}
