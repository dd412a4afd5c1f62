using Quartz;

namespace ShoppingConnectivity.Central.Jobs;

/// <summary>
/// A periodic job a feature declares (<see cref="JobsExtensions.AddCentralJob{TJob}"/>): its key (the trigger is
/// named after it, so a persistent store keeps one trigger per job across restarts), where it runs, how often, and
/// how long after start it first runs (zero: at once).
/// </summary>
public sealed record CentralJob(Type JobType, JobKey Key, JobPlacement Placement, TimeSpan Interval, TimeSpan FirstRunAfter);
