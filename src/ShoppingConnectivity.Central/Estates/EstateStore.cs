using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>
/// Holds the estate read from Central:EstatePath (or the empty estate when none is set) and reloads it when the
/// file changes, so plans change without a restart. An invalid edit keeps the estate in force and says why.
/// </summary>
public sealed class EstateStore : IDisposable
{
    private readonly FlowCatalogue _catalogue;
    private readonly ILogger<EstateStore> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _debounce;
    private readonly Lock _gate = new();
    private volatile Snapshot _current;

    /// <summary>The estate in force, when it was loaded, and the problems of the last attempt to reload it (if it failed).</summary>
    public sealed record Snapshot(Estate Estate, DateTimeOffset LoadedAt, IReadOnlyList<string> LastReloadErrors);

    public EstateStore(FlowCatalogue catalogue, IOptions<CentralOptions> options, TimeProvider clock, ILogger<EstateStore> logger)
    {
        _catalogue = catalogue;
        _logger = logger;
        Clock = clock;
        Path = options.Value.EstatePath is { Length: > 0 } path ? path : null;
        if (Path is null)
        {
            logger.LogWarning("No estate file is set ({Key}); the diagram shows every flow with no data until one is.", $"{CentralOptions.Section}:EstatePath");
            _current = new Snapshot(Estate.Empty(catalogue), clock.GetUtcNow(), []);
            return;
        }

        var result = EstateFile.Load(Path, catalogue);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"The estate file {Path} ({CentralOptions.Section}:EstatePath) is invalid:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", result.Errors));
        }

        _current = new Snapshot(result.Estate!, clock.GetUtcNow(), []);
        logger.LogInformation("Estate {Estate} loaded from {Path}: {Hosts} hosts.", Current.Name, Path, Current.Hosts.Count);

        // Editors write a file in several steps (truncate, write, rename): wait for the writes to settle.
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => ScheduleReload();
        _watcher.Created += (_, _) => ScheduleReload();
        _watcher.Renamed += (_, _) => ScheduleReload();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Raised after a reload changed the estate in force. Handlers must be quick and must not throw.</summary>
    public event Action<Estate>? Changed;

    public string? Path { get; }

    public TimeProvider Clock { get; }

    public Estate Current => _current.Estate;

    public Snapshot State => _current;

    private void ScheduleReload() => _debounce?.Change(300, Timeout.Infinite);

    /// <summary>Reads the file again; on success the new estate takes effect, on failure the old one stays.</summary>
    public IReadOnlyList<string> Reload()
    {
        if (Path is null) return [];
        Estate? changed = null;
        IReadOnlyList<string> errors;
        lock (_gate)
        {
            EstateLoadResult result;
            try
            {
                result = EstateFile.Load(Path, _catalogue);
            }
            catch (IOException ex)
            {
                // Still being written by an editor: the watcher fires again when it is done.
                result = EstateLoadResult.Failed($"{Path}: could not be read ({ex.Message}).");
            }

            if (result.Succeeded)
            {
                var unchanged = EstateFile.ToJson(result.Estate!) == EstateFile.ToJson(Current);
                _current = new Snapshot(result.Estate!, unchanged ? _current.LoadedAt : Clock.GetUtcNow(), []);
                if (!unchanged) changed = result.Estate;
                errors = [];
            }
            else
            {
                _current = _current with { LastReloadErrors = result.Errors };
                errors = result.Errors;
            }
        }

        if (changed is not null)
        {
            _logger.LogInformation("Estate {Estate} reloaded from {Path}: {Hosts} hosts.", changed.Name, Path, changed.Hosts.Count);
            Changed?.Invoke(changed);
        }
        else if (errors.Count > 0)
        {
            _logger.LogError("The estate file {Path} was changed but is invalid; the estate in force is kept:{NewLine}  {Errors}",
                Path, Environment.NewLine, string.Join(Environment.NewLine + "  ", errors));
        }

        return errors;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }
}
