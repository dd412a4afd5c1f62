using Quartz;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>Runs one probe of the plan and queues its result for central.</summary>
[DisallowConcurrentExecution]
public sealed class ProbeJob(PlanHolder plan, ProbeRunner runner, ResultQueue queue, TimeProvider clock, ILogger<ProbeJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var probe = plan.Find(context.JobDetail.Key.Name);
        if (probe is null) return; // the plan changed under this run

        var at = clock.GetUtcNow();
        var finding = await runner.RunAsync(probe, cancellationToken);
        logger.LogDebug("{Probe}: {Outcome} {Latency} ms", probe.ProbeId, finding.Outcome, finding.LatencyMs);
        queue.Add(new ProbeResultDto(probe.ProbeId, probe.FlowId, finding.Outcome, finding.LatencyMs, finding.Detail, at, finding.Degraded));
    }
}
