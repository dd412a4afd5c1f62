using Quartz;

namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>Sends queued chat and webhook alert messages and retries what the endpoints did not take (Central:Alerts:DeliverySeconds).</summary>
[DisallowConcurrentExecution]
public sealed class ChannelDeliveryJob(ChannelDelivery delivery, ILogger<ChannelDeliveryJob> logger) : IJob
{
    public static readonly JobKey Key = new("alert-channel-delivery", "central");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.DeliverDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Channel delivery failed; queued messages are tried again at the next interval.");
        }
    }
}
