namespace ShoppingConnectivity.Core.Alerts;

/// <summary>What the windows active at one moment silence.</summary>
public sealed class MaintenanceCover
{
    private readonly Dictionary<string, string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _flows = new(StringComparer.Ordinal);
    private string? _estate;

    public static MaintenanceCover None { get; } = new();

    public static MaintenanceCover At(IEnumerable<MaintenanceWindow> windows, DateTimeOffset now)
    {
        var cover = new MaintenanceCover();
        foreach (var w in windows.Where(w => w.IsActive(now)))
        {
            var why = $"maintenance: {w.Reason}";
            switch (w.Scope)
            {
                case MaintenanceScope.Estate:
                    cover._estate ??= why;
                    break;
                case MaintenanceScope.Host when w.Target is not null:
                    cover._hosts.TryAdd(w.Target, why);
                    break;
                case MaintenanceScope.Flow when w.Target is not null:
                    cover._flows.TryAdd(w.Target, why);
                    break;
            }
        }

        return cover;
    }

    public bool IsEmpty => _estate is null && _hosts.Count == 0 && _flows.Count == 0;

    /// <summary>Why the flow's alerts are silenced (estate or flow window), or null.</summary>
    public string? Silences(string flowId) => _estate ?? _flows.GetValueOrDefault(flowId);

    /// <summary>Whether a link from <paramref name="sourceHost"/> to <paramref name="targetHost"/> is left out (either end in maintenance).</summary>
    public bool CoversLink(string sourceHost, string targetHost) => _hosts.ContainsKey(sourceHost) || _hosts.ContainsKey(targetHost);
}
