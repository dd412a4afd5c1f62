using Quartz;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Sends queued alert mail and retries what the SMTP server did not take (Central:Alerts:DeliverySeconds).</summary>
[DisallowConcurrentExecution]
public sealed class AlertDeliveryJob(AlertDelivery delivery, ILogger<AlertDeliveryJob> logger) : IJob
{
    public static readonly JobKey Key = new("alert-delivery", "central");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.DeliverDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Alert delivery failed; queued mail is tried again at the next interval.");
        }
    }
}
