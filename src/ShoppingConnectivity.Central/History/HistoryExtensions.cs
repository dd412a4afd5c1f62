using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.History;

public static class HistoryExtensions
{
    /// <summary>Retention settings, roll-ups and retention (run by Jobs/), the edge history writer and the history queries.</summary>
    public static IHostApplicationBuilder AddCentralHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HistoryOptions>().Bind(builder.Configuration.GetSection(HistoryOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>();
        builder.Services.AddSingleton<HistoryMaintenance>();
        builder.Services.AddSingleton<HistoryQueries>();
        builder.Services.AddSingleton<EdgeHistoryWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<EdgeHistoryWriter>());
        return builder;
    }
}
