namespace ShoppingConnectivity.Central.Audit;

/// <summary>
/// The audit log features write to after an admin or operator change. Scoped: it takes "who" from the signed-in user of
/// the request or the Blazor circuit it is resolved in.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records a change by the current user. Details must never hold a secret.</summary>
    Task RecordAsync(string action, string target, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>Records a change by a named actor (central itself, or a user known otherwise).</summary>
    Task RecordAsAsync(string actor, string action, string target, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>The newest entries first, optionally only those whose actor, action, target or details contain <paramref name="search"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ListAsync(string? search = null, int take = 500, CancellationToken cancellationToken = default);
}
