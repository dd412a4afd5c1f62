using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Jobs;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Text;

namespace ShoppingConnectivity.Central.Live;

public static class LiveExtensions
{
    /// <summary>The live state of links and edges, and the job that turns edges of silent agents grey.</summary>
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveState>();
        var seconds = Math.Max(1, builder.Configuration.GetValue($"{CentralOptions.Section}:{nameof(CentralOptions.FreshnessCheckSeconds)}", 10));
        builder.AddCentralJob<EdgeFreshnessJob>(EdgeFreshnessJob.Key, JobPlacement.EveryNode, TimeSpan.FromSeconds(seconds));
        return builder;
    }

    /// <summary>
    /// GET /api/v1/edges: every edge, its colour word, label, counts of links by outcome, last change and the suspects
    /// that explain its failures; GET /api/v1/suspects: the estate's suspects (blame marks), hosts first.
    /// </summary>
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(CentralPolicies.Viewer);
        api.MapGet("/edges", (LiveState live) => TypedResults.Ok(EdgeReport.Of(live.Edges, live.Blame)))
            .WithTags(ApiTags.Read).WithName("GetEdges").WithSummary("Every edge: its colour, label, links by outcome, last change and suspects.");
        api.MapGet("/suspects", (LiveState live) => TypedResults.Ok(live.Blame))
            .WithTags(ApiTags.Read).WithName("GetSuspects").WithSummary("The estate's suspects (blame marks), hosts first.");
        return app;
    }

    /// <summary>Loads the stored links so a restarted central shows what it knew before.</summary>
    public static async Task LoadLiveStateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var links = await db.Links.AsNoTracking().ToListAsync(cancellationToken);
        var live = services.GetRequiredService<LiveState>();
        // One instance of each text however many rows repeat it (most links name the same few probes, flows and hosts);
        // unbounded, as it lives for this load only.
        var texts = new StringPool(int.MaxValue);
        live.Apply(links.Select(l => l.ToSnapshot(texts)));
        // Silence counts from when central can hear the agents again, not from its stop.
        var clock = services.GetRequiredService<TimeProvider>();
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => live.StartedListening(clock.GetUtcNow()));
    }

    /// <summary>The link's row, with its alert streak in stored form.</summary>
    public static LinkRecord ToRecord(this LinkSnapshot l, string? streak) => new()
    {
        AgentId = l.AgentId, ProbeId = l.ProbeId, FlowId = l.FlowId, TargetHost = l.TargetHost, Port = l.Port, Outcome = l.Outcome, Since = l.Since,
        LastAt = l.LastAt, LatencyMs = l.LatencyMs, Detail = l.Detail, Degraded = l.Degraded, IntervalSeconds = l.IntervalSeconds, Streak = streak,
    };

    /// <summary>The link's state; its texts as <paramref name="texts"/> holds them, when given.</summary>
    public static LinkSnapshot ToSnapshot(this LinkRecord l, StringPool? texts = null) =>
        new(texts?.Get(l.AgentId) ?? l.AgentId, texts?.Get(l.ProbeId) ?? l.ProbeId, texts?.Get(l.FlowId) ?? l.FlowId,
            texts?.Get(l.TargetHost) ?? l.TargetHost, l.Port, l.Outcome, l.Since, l.LastAt, l.LatencyMs, texts?.Get(l.Detail) ?? l.Detail,
            l.IntervalSeconds, l.Degraded);
}
