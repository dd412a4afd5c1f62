using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Jobs;

namespace ShoppingConnectivity.Central.Estates;

public static class EstatesExtensions
{
    /// <summary>The estate in force (store of record and file mirror), its exports, and the job that takes versions other nodes stored.</summary>
    public static IHostApplicationBuilder AddEstates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EstateFileMirror>();
        builder.Services.AddSingleton<EstateStore>();
        builder.Services.AddOptions<EstateExportOptions>().Bind(builder.Configuration.GetSection(EstateExportOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EstateExportOptions>, EstateExportOptionsValidator>();
        builder.Services.AddSingleton<EstateExports>();
        var seconds = TimeSpan.FromSeconds(Math.Max(1, builder.Configuration.GetValue($"{CentralOptions.Section}:{nameof(CentralOptions.FreshnessCheckSeconds)}", 10)));
        builder.AddCentralJob<EstateSyncJob>(EstateSyncJob.Key, JobPlacement.EveryNode, seconds, firstRunAfter: seconds);
        return builder;
    }
}
