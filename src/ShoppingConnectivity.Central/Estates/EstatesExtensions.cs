using ShoppingConnectivity.Central.Jobs;

namespace ShoppingConnectivity.Central.Estates;

public static class EstatesExtensions
{
    /// <summary>The estate in force (store of record and file mirror) and the job that takes versions other nodes stored.</summary>
    public static IHostApplicationBuilder AddEstates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EstateFileMirror>();
        builder.Services.AddSingleton<EstateStore>();
        var seconds = TimeSpan.FromSeconds(Math.Max(1, builder.Configuration.GetValue($"{CentralOptions.Section}:{nameof(CentralOptions.FreshnessCheckSeconds)}", 10)));
        builder.AddCentralJob<EstateSyncJob>(EstateSyncJob.Key, JobPlacement.EveryNode, seconds, firstRunAfter: seconds);
        return builder;
    }
}
