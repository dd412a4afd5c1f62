using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Jobs;

namespace ShoppingConnectivity.Central.History;

public static class HistoryExtensions
{
    /// <summary>Retention settings, the roll-up and retention jobs, the edge history writer and the history queries.</summary>
    public static IHostApplicationBuilder AddHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HistoryOptions>().Bind(builder.Configuration.GetSection(HistoryOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>();
        builder.Services.AddSingleton<HistoryMaintenance>();
        builder.Services.AddSingleton<HistoryQueries>();
        builder.Services.AddSingleton<EdgeHistoryWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<EdgeHistoryWriter>());

        var history = builder.Configuration.GetSection(HistoryOptions.Section).Get<HistoryOptions>() ?? new HistoryOptions();
        builder.AddCentralJob<RollupJob>(RollupJob.Key, JobPlacement.OneNode, TimeSpan.FromSeconds(Math.Max(1, history.RollupIntervalSeconds)));
        builder.AddCentralJob<RetentionJob>(RetentionJob.Key, JobPlacement.OneNode,
            TimeSpan.FromMinutes(Math.Max(1, history.RetentionIntervalMinutes)), firstRunAfter: TimeSpan.FromMinutes(1));
        return builder;
    }

    /// <summary>Gives the live state each edge's last stored colour change (see <see cref="EdgeHistoryWriter.RestoreAsync"/>).</summary>
    public static Task RestoreEdgeHistoryAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<EdgeHistoryWriter>().RestoreAsync(cancellationToken);
}
