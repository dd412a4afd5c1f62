using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using ShoppingConnectivity.Central.Audit;

namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>Acknowledging an alert from a page, the alerts list or the alert's own: by whoever is signed in, audited.</summary>
public sealed class AlertAcknowledgement(AuthenticationStateProvider authentication, AlertEvaluator evaluator, IAuditLog audit)
{
    /// <summary>Stops the alert's reminders. Returns why it was refused, or null when done.</summary>
    public async Task<string?> AcknowledgeAsync(long alertId, string? note)
    {
        // Acknowledged by whoever is signed in: the name is not typed, so it cannot be someone else's.
        var name = (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "";
        var error = await evaluator.AcknowledgeAsync(alertId, name, note);
        if (error is null) await audit.RecordAsync("alert.acknowledge", alertId.ToString(CultureInfo.InvariantCulture), note);
        return error;
    }
}
