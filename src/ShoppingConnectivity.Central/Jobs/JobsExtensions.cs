using Quartz;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Jobs;

public static class JobsExtensions
{
    /// <summary>The scheduler several central nodes on one PostgreSQL share (Quartz's tables in that database).</summary>
    public const string ClusterScheduler = "central-cluster";

    /// <summary>Declares a feature's periodic job; <see cref="AddCentralJobs"/> schedules every job declared before it.</summary>
    public static IHostApplicationBuilder AddCentralJob<TJob>(
        this IHostApplicationBuilder builder, JobKey key, JobPlacement placement, TimeSpan interval, TimeSpan firstRunAfter = default)
        where TJob : IJob
    {
        builder.Services.AddSingleton(new CentralJob(typeof(TJob), key, placement, interval, firstRunAfter));
        return builder;
    }

    /// <summary>
    /// Schedules the declared jobs. Jobs of a node's memory run in an in-memory scheduler on every node. Jobs of the
    /// database run there too on SQLite; on PostgreSQL they run in a clustered scheduler on Quartz's ADO job store, so
    /// each fire runs on one node of all those sharing the database. Call after the features.
    /// </summary>
    public static IHostApplicationBuilder AddCentralJobs(this IHostApplicationBuilder builder)
    {
        var jobs = builder.Services.Where(d => d.ServiceType == typeof(CentralJob)).Select(d => (CentralJob)d.ImplementationInstance!).ToList();
        var clustered = DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.PostgreSql;
        var local = clustered ? jobs.Where(j => j.Placement == JobPlacement.EveryNode).ToList() : jobs;

        builder.Services.AddQuartz(q => Schedule(q, local));
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
                Schedule(q, jobs.Where(j => j.Placement == JobPlacement.OneNode));
            });
        }

        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // Registered after Quartz's service, so it stops just before it: running jobs get a short grace, then are interrupted.
        builder.Services.AddHostedService<JobShutdown>();
        return builder;
    }

    private static void Schedule(IQuartzBuilder quartz, IEnumerable<CentralJob> jobs)
    {
        foreach (var job in jobs)
        {
            quartz.AddJob(job.JobType, j => j.WithIdentity(job.Key));
            quartz.AddTrigger(t =>
            {
                t.ForJob(job.Key).WithIdentity(job.Key.Name, job.Key.Group);
                if (job.FirstRunAfter > TimeSpan.Zero) t.StartAt(DateTimeOffset.UtcNow + job.FirstRunAfter);
                else t.StartNow();
                t.WithSimpleSchedule(s => s.WithInterval(job.Interval).RepeatForever());
            });
        }
    }
}
