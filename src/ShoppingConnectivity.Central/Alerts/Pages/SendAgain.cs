using System.Globalization;
using ShoppingConnectivity.Central.Audit;

namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>"Send again" from the alerts or SMTP page: queues the mails that waited for a person, audited.</summary>
public sealed class SendAgain(AlertDelivery delivery, IAuditLog audit)
{
    public const string AuditAction = "alert.mail.resend";

    public async Task<MailResend> SendAsync(IReadOnlyCollection<long> messageIds)
    {
        var result = await delivery.ResendAsync(messageIds);
        if (result.Queued.Count + result.StillNoRecipients.Count > 0)
            await audit.RecordAsync(AuditAction, "mail " + string.Join(",", messageIds.Order().Select(i => i.ToString(CultureInfo.InvariantCulture))), result.Text);
        return result;
    }
}
