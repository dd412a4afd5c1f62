using Quartz;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Runs the alert rules over the live links (Central:Alerts:EvaluateSeconds).</summary>
[DisallowConcurrentExecution]
public sealed class AlertEvaluationJob(AlertEvaluator evaluator, AlertRules rules, ILogger<AlertEvaluationJob> logger) : IJob
{
    public static readonly JobKey Key = new("alert-evaluation", "central");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!rules.Options.Enabled) return;
        try
        {
            await evaluator.EvaluateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The state was not advanced: the next run evaluates again from the same state.
            logger.LogError(ex, "Alert evaluation failed; it runs again at the next interval.");
        }
    }
}
