using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts.Channels;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Jobs;
using ShoppingConnectivity.Central.Live;

namespace ShoppingConnectivity.Central.Alerts;

public static class AlertsExtensions
{
    /// <summary>Alert settings and rules, the links' streaks, evaluation and mail delivery (with their jobs), maintenance windows, SMTP.</summary>
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>()
            .Bind(builder.Configuration.GetSection(AlertOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<AlertOptions>, ChannelOptionsValidator>();
        builder.Services.AddOptions<SmtpOptions>()
            .Bind(builder.Configuration.GetSection(SmtpOptions.Section))
            .PostConfigure(o => o.Password = SettingSources.ReadSecret(builder.Configuration, $"{SmtpOptions.Section}:{nameof(SmtpOptions.Password)}"))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        builder.Services.AddSingleton<AlertRules>();
        builder.Services.AddSingleton<LinkStreaks>();
        builder.Services.AddSingleton<MaintenanceStore>();
        builder.Services.AddSingleton<SmtpSettingsStore>();
        builder.Services.AddSingleton<SmtpMailer>();
        builder.Services.AddSingleton<AlertDelivery>();
        builder.Services.AddSingleton<AlertEvaluator>();
        builder.Services.AddSingleton<AlertHistory>();
        builder.Services.AddSingleton<AlertChannels>();
        builder.Services.AddSingleton<ChannelSender>();
        builder.Services.AddSingleton<ChannelDelivery>();
        // An endpoint's redirect is not followed: it could carry the payload (and the signature) to another host.
        // Its request logs are off: Teams and Slack URLs carry the webhook's key in the path, which the logs would show.
        builder.Services.AddHttpClient(ChannelSender.HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = ChannelSender.Timeout });

        // Alert jobs first run one interval after start: a restarted central gives agents a moment to report, and a
        // test that slows the jobs down decides alone when evaluation happens.
        var alerts = builder.Configuration.GetSection(AlertOptions.Section);
        var evaluate = TimeSpan.FromSeconds(Math.Max(1, alerts.GetValue(nameof(AlertOptions.EvaluateSeconds), 5)));
        var deliver = TimeSpan.FromSeconds(Math.Max(1, alerts.GetValue(nameof(AlertOptions.DeliverySeconds), 5)));
        builder.AddCentralJob<AlertEvaluationJob>(AlertEvaluationJob.Key, JobPlacement.OneNode, evaluate, firstRunAfter: evaluate);
        builder.AddCentralJob<AlertDeliveryJob>(AlertDeliveryJob.Key, JobPlacement.OneNode, deliver, firstRunAfter: deliver);
        builder.AddCentralJob<ChannelDeliveryJob>(ChannelDeliveryJob.Key, JobPlacement.OneNode, deliver, firstRunAfter: deliver);
        return builder;
    }

    /// <summary>
    /// Alerts stored before the blamed host was kept get it once, from their links, so the list shows and sorts every
    /// alert alike; later starts find none to fill.
    /// </summary>
    internal static async Task FillSuspectsAsync(CentralDbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var alerts = await db.Alerts.Where(a => a.Suspect == null && a.Hosts != null).OrderBy(a => a.Id).Take(500).ToListAsync(cancellationToken);
            if (alerts.Count == 0) return;
            foreach (var alert in alerts) alert.Suspect = AlertRecord.SuspectOf(alert.Hosts);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Restores the links' streaks and the engine's state saved before a restart.</summary>
    public static async Task LoadAlertStateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        services.GetRequiredService<LinkStreaks>().Load(await db.Links.AsNoTracking().ToListAsync(cancellationToken));
        await FillSuspectsAsync(db, cancellationToken);
        await services.GetRequiredService<AlertEvaluator>().LoadAsync(cancellationToken);
    }
}
