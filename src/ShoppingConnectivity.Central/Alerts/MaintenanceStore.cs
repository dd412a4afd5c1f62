using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Maintenance windows in the database: added and removed from the UI, read by every alert evaluation.</summary>
public sealed class MaintenanceStore(IDbContextFactory<CentralDbContext> dbFactory, EstateStore estate, FlowCatalogue catalogue, TimeProvider clock)
{
    public async Task<IReadOnlyList<MaintenanceWindow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.MaintenanceWindows.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return records.Select(ToWindow).ToList();
    }

    /// <summary>Adds a valid window and returns its id; or returns the problems, each naming its field.</summary>
    public async Task<(long? Id, IReadOnlyList<string> Errors)> AddAsync(MaintenanceWindow window, CancellationToken cancellationToken = default)
    {
        var errors = window.Validate(estate.Current.Hosts.Select(h => h.Name), catalogue.Flows.Select(f => f.Id));
        if (errors.Count > 0) return (null, errors);
        var record = new MaintenanceWindowRecord
        {
            Scope = window.Scope.ToString(),
            Target = window.Scope == MaintenanceScope.Estate ? null : window.Target?.Trim(),
            Reason = window.Reason.Trim(),
            Start = window.Start,
            End = window.End,
            Days = window.IsWeekly ? string.Join(",", window.Days!) : null,
            StartMinuteOfDay = window.StartTime is { } t ? t.Hour * 60 + t.Minute : null,
            DurationMinutes = window.Duration is { } d ? (int)d.TotalMinutes : null,
            TimeZone = string.IsNullOrWhiteSpace(window.TimeZone) ? null : window.TimeZone.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.MaintenanceWindows.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (record.Id, []);
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MaintenanceWindows.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static MaintenanceWindow ToWindow(MaintenanceWindowRecord r) => new(
        r.Id,
        Enum.TryParse<MaintenanceScope>(r.Scope, out var scope) ? scope : MaintenanceScope.Estate,
        r.Target,
        r.Reason,
        r.Start,
        r.End,
        r.Days?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<DayOfWeek>).ToList(),
        r.StartMinuteOfDay is { } m ? new TimeOnly(m / 60, m % 60) : null,
        r.DurationMinutes is { } d ? TimeSpan.FromMinutes(d) : null,
        r.TimeZone);
}
