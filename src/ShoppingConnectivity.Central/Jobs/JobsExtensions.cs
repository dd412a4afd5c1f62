using Quartz;

namespace ShoppingConnectivity.Central.Jobs;

public static class JobsExtensions
{
    public static IHostApplicationBuilder AddCentralJobs(this IHostApplicationBuilder builder)
    {
        var seconds = builder.Configuration.GetValue($"{CentralOptions.Section}:{nameof(CentralOptions.FreshnessCheckSeconds)}", 10);
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<EdgeFreshnessJob>(j => j.WithIdentity(EdgeFreshnessJob.Key));
            q.AddTrigger(t => t.ForJob(EdgeFreshnessJob.Key)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, seconds))).RepeatForever()));
            q.AddJob<EstateSyncJob>(j => j.WithIdentity(EstateSyncJob.Key));
            q.AddTrigger(t => t.ForJob(EstateSyncJob.Key)
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(seconds))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, seconds))).RepeatForever()));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
