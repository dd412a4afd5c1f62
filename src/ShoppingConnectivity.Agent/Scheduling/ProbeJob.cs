using Quartz;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>Runs one probe of the plan and writes its result to the outbox for central.</summary>
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
        var result = new ProbeResultDto(probe.ProbeId, probe.FlowId, finding.Outcome, finding.LatencyMs, finding.Detail, at, finding.Degraded);
        try
        {
            queue.Add(result);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{Probe}: result of {At:O} lost, the outbox could not write it: {Reason}", probe.ProbeId, at, ex.Message);
        }
    }
}
