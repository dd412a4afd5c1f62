using Quartz;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.History;

namespace ShoppingConnectivity.Central.Jobs;

public static class JobsExtensions
{
    /// <summary>The scheduler several central nodes on one PostgreSQL share (Quartz's tables in that database).</summary>
    public const string ClusterScheduler = "central-cluster";

    /// <summary>
    /// Jobs of this node's memory (edge freshness, estate sync) run in an in-memory scheduler on every node. Jobs of the
    /// database (alerts, delivery, rollups, retention) run there too on SQLite; on PostgreSQL they run in a clustered
    /// scheduler on Quartz's ADO job store, so each fire runs on one node of all those sharing the database.
    /// </summary>
    public static IHostApplicationBuilder AddCentralJobs(this IHostApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue($"{CentralOptions.Section}:{nameof(CentralOptions.FreshnessCheckSeconds)}", 10);
        var alerts = builder.Configuration.GetSection(Alerts.AlertOptions.Section);
        var evaluateSeconds = alerts.GetValue(nameof(Alerts.AlertOptions.EvaluateSeconds), 5);
        var deliverySeconds = alerts.GetValue(nameof(Alerts.AlertOptions.DeliverySeconds), 5);
        var history = builder.Configuration.GetSection(HistoryOptions.Section).Get<HistoryOptions>() ?? new HistoryOptions();
        var clustered = DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.PostgreSql;

        void NodeJobs(IQuartzBuilder q)
        {
            q.AddJob<EdgeFreshnessJob>(j => j.WithIdentity(EdgeFreshnessJob.Key));
            q.AddTrigger(t => t.ForJob(EdgeFreshnessJob.Key).WithIdentity(EdgeFreshnessJob.Key.Name, EdgeFreshnessJob.Key.Group)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, seconds))).RepeatForever()));
            q.AddJob<EstateSyncJob>(j => j.WithIdentity(EstateSyncJob.Key));
            q.AddTrigger(t => t.ForJob(EstateSyncJob.Key).WithIdentity(EstateSyncJob.Key.Name, EstateSyncJob.Key.Group)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(seconds))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, seconds))).RepeatForever()));
        }

        // Triggers are named after their jobs: a persistent store keeps them, and a start re-registers the same ones
        // instead of adding copies that would all fire.
        void DatabaseJobs(IQuartzBuilder q)
        {
            q.AddJob<AlertEvaluationJob>(j => j.WithIdentity(AlertEvaluationJob.Key));
            // Alert jobs first run one interval after start: a restarted central gives agents a moment to report,
            // and a test that slows the jobs down decides alone when evaluation happens.
            q.AddTrigger(t => t.ForJob(AlertEvaluationJob.Key).WithIdentity(AlertEvaluationJob.Key.Name, AlertEvaluationJob.Key.Group)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(Math.Max(1, evaluateSeconds)))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, evaluateSeconds))).RepeatForever()));
            q.AddJob<AlertDeliveryJob>(j => j.WithIdentity(AlertDeliveryJob.Key));
            q.AddTrigger(t => t.ForJob(AlertDeliveryJob.Key).WithIdentity(AlertDeliveryJob.Key.Name, AlertDeliveryJob.Key.Group)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(Math.Max(1, deliverySeconds)))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, deliverySeconds))).RepeatForever()));
            q.AddJob<RollupJob>(j => j.WithIdentity(RollupJob.Key));
            q.AddTrigger(t => t.ForJob(RollupJob.Key).WithIdentity(RollupJob.Key.Name, RollupJob.Key.Group).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, history.RollupIntervalSeconds))).RepeatForever()));
            q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key));
            q.AddTrigger(t => t.ForJob(RetentionJob.Key).WithIdentity(RetentionJob.Key.Name, RetentionJob.Key.Group).StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(Math.Max(1, history.RetentionIntervalMinutes))).RepeatForever()));
        }

        builder.Services.AddQuartz(q =>
        {
            NodeJobs(q);
            if (!clustered) DatabaseJobs(q);
        });
        if (clustered)
        {
            var connectionString = builder.Configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}"] is { Length: > 0 } c
                ? c
                : builder.Configuration.GetConnectionString(DataExtensions.ConnectionStringName) ?? "";
            builder.Services.AddQuartz(ClusterScheduler, q =>
            {
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(connectionString);
                    s.UseClustering();
                    s.UseSystemTextJsonSerializer();
                });
                DatabaseJobs(q);
            });
        }

        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
