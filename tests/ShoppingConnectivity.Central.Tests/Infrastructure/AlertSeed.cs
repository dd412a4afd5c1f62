using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>Alerts written straight into central's database, for the alert list's filters, sorts and pages.</summary>
public static class AlertSeed
{
    public static AlertRecord Alert(string flowId, string state, string condition, DateTimeOffset since, string? hosts = null, string edge = "",
        DateTimeOffset? recoveredAt = null, string? acknowledgedBy = null, string? outcome = "TimedOut") => new()
    {
        Key = $"{flowId}@{Guid.NewGuid():N}",
        FlowId = flowId,
        Edge = edge.Length > 0 ? edge : flowId,
        State = state,
        Condition = condition,
        OpenedAt = since,
        Since = since,
        RecoveredAt = recoveredAt,
        ClosedAt = state == "Closed" ? recoveredAt ?? since : null,
        Outcome = outcome,
        Hosts = hosts,
        Suspect = AlertRecord.SuspectOf(hosts),
        AcknowledgedBy = acknowledgedBy,
        AcknowledgedAt = acknowledgedBy is null ? null : since,
    };

    /// <summary>Stores the alerts (ids in order) and returns them with their ids.</summary>
    public static async Task<IReadOnlyList<AlertRecord>> AddAsync(IServiceProvider services, params AlertRecord[] alerts)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync();
        return alerts;
    }
}
