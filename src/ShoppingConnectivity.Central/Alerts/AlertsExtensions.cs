using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Alerts;

public static class AlertsExtensions
{
    public static IHostApplicationBuilder AddCentralAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>()
            .Bind(builder.Configuration.GetSection(AlertOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        builder.Services.AddSingleton<AlertRules>();
        builder.Services.AddSingleton<LinkStreaks>();
        builder.Services.AddSingleton<MaintenanceStore>();
        builder.Services.AddSingleton<SmtpSettingsStore>();
        builder.Services.AddSingleton<SmtpMailer>();
        builder.Services.AddSingleton<AlertDelivery>();
        builder.Services.AddSingleton<AlertEvaluator>();
        builder.Services.AddSingleton<AlertHistory>();
        return builder;
    }

    /// <summary>Restores the links' streaks and the engine's state saved before a restart.</summary>
    public static async Task LoadAlertStateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        services.GetRequiredService<LinkStreaks>().Load(await db.Links.AsNoTracking().ToListAsync(cancellationToken));
        await services.GetRequiredService<AlertEvaluator>().LoadAsync(cancellationToken);
    }
}
