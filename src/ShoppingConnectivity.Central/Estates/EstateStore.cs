using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>
/// The estate in force. The database is the store of record: every change adds a version (EstateRecords), the
/// newest is in force, and every central node sharing the database converges on it. The estate file
/// (<see cref="EstateFileMirror"/>), when set, is a second way in and a mirror: it is imported at start when it differs
/// from the last file imported or written, and again whenever it is edited; saves from the UI write it back within the
/// version's transaction. An invalid edit keeps the estate in force and says why.
/// </summary>
public sealed class EstateStore : IDisposable
{
    private readonly FlowCatalogue _catalogue;
    private readonly ILogger<EstateStore> _logger;
    private readonly IDbContextFactory<CentralDbContext> _dbFactory;
    private readonly EstateFileMirror _file;
    private readonly SemaphoreSlim _write = new(1, 1);
    private volatile Snapshot _current;

    /// <summary>The estate in force, when it took effect here, its version and origin, and the problems of the last file edit (if it failed).</summary>
    public sealed record Snapshot(Estate Estate, DateTimeOffset LoadedAt, IReadOnlyList<string> LastReloadErrors)
    {
        /// <summary>0 while nothing is stored yet (the empty estate).</summary>
        public long Version { get; init; }
        public EstateSource? Source { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
        public string? UpdatedBy { get; init; }
    }

    public EstateStore(FlowCatalogue catalogue, IDbContextFactory<CentralDbContext> dbFactory, EstateFileMirror file, TimeProvider clock, ILogger<EstateStore> logger)
    {
        _catalogue = catalogue;
        _logger = logger;
        _dbFactory = dbFactory;
        _file = file;
        Clock = clock;
        _current = new Snapshot(Estate.Empty(catalogue), clock.GetUtcNow(), []);
    }

    /// <summary>Raised after the estate in force changed. Handlers must be quick and must not throw.</summary>
    public event Action<Estate>? Changed;

    /// <summary>The estate file; null when none is set.</summary>
    public string? Path => _file.Path;

    /// <summary>Whether saves are written back to the estate file.</summary>
    public bool WritesFile => _file.WritesFile;

    public TimeProvider Clock { get; }

    public Estate Current => _current.Estate;

    public Snapshot State => _current;

    /// <summary>
    /// Loads the newest stored version, then imports the estate file when it is new or changed since it was last
    /// imported or written. An invalid file (or an invalid stored estate with no file to replace it) fails the start,
    /// listing every problem. Call once, after the database is migrated.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var storedInvalid = await LoadNewestAsync(cancellationToken);
        if (Path is null)
        {
            if (storedInvalid is not null) throw new InvalidOperationException(storedInvalid);
            if (_current.Version == 0)
                _logger.LogWarning("No estate yet: none is stored and no estate file is set ({Key}). Add hosts on the Estate page, or set the file.",
                    $"{CentralOptions.Section}:EstatePath");
            return;
        }

        var (text, hash) = _file.Read();
        if (_current.Version == 0 || storedInvalid is not null || hash != _file.KnownHash)
        {
            var result = EstateFile.Parse(text, Path, _catalogue);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"The estate file {Path} ({CentralOptions.Section}:EstatePath) is invalid:{Environment.NewLine}  "
                    + string.Join(Environment.NewLine + "  ", result.Errors));
            }

            var saved = await CommitAsync(result.Estate!, EstateSource.File, $"file {Path}", hash, writeFile: false, expectedVersion: null, raise: false, cancellationToken);
            if (!saved.Succeeded) throw new InvalidOperationException($"The estate file {Path} could not be stored: {saved.Message}");
        }

        _logger.LogInformation("Estate {Estate} version {Version} in force ({Source}): {Hosts} hosts; watching {Path}.",
            Current.Name, _current.Version, _current.Source, Current.Hosts.Count, Path);
        _file.Watch(ImportFileSafelyAsync);
    }

    /// <summary>Validates and stores an estate edited in the UI (writing the estate file too, when one is set).</summary>
    /// <param name="expectedVersion">The version the edit started from: a save over a newer version is refused (someone else saved meanwhile).</param>
    public async Task<EstateSaveResult> SaveAsync(EstateDocument document, string by, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        var result = EstateValidator.Validate(document, _catalogue);
        if (!result.Succeeded) return EstateSaveResult.Invalid(result.Problems, _current.Version);
        return await CommitAsync(result.Estate!, EstateSource.Ui, by, null, writeFile: true, expectedVersion, raise: true, cancellationToken);
    }

    /// <summary>Imports an uploaded JSON or YAML estate; an invalid one changes nothing and lists every problem.</summary>
    public async Task<EstateSaveResult> ImportAsync(string text, string fileName, string by, CancellationToken cancellationToken = default)
    {
        var result = EstateFile.Parse(text, fileName, _catalogue);
        if (!result.Succeeded) return EstateSaveResult.Invalid(result.Problems, _current.Version);
        return await CommitAsync(result.Estate!, EstateSource.Import, $"{by} ({fileName})", null, writeFile: true, expectedVersion: null, raise: true, cancellationToken);
    }

    /// <summary>Reads the estate file again (the watcher calls this); on success it is stored and in force, on failure the old one stays.</summary>
    public async Task<IReadOnlyList<string>> ImportFileAsync(CancellationToken cancellationToken = default)
    {
        if (Path is null) return [];
        string text, hash;
        try
        {
            (text, hash) = _file.Read();
        }
        catch (IOException ex)
        {
            // Still being written by an editor: the watcher fires again when it is done.
            return await FailedAsync([$"{Path}: could not be read ({ex.Message})."]);
        }

        if (hash == _file.KnownHash) return []; // central's own write, or no real change

        var result = EstateFile.Parse(text, Path, _catalogue);
        if (!result.Succeeded) return await FailedAsync(result.Errors);

        var saved = await CommitAsync(result.Estate!, EstateSource.File, $"file {Path}", hash, writeFile: false, expectedVersion: null, raise: true, cancellationToken);
        if (!saved.Succeeded) return await FailedAsync([saved.Message ?? "not stored"]);
        await SetReloadErrorsAsync([]);
        return [];

        async Task<IReadOnlyList<string>> FailedAsync(IReadOnlyList<string> errors)
        {
            await SetReloadErrorsAsync(errors);
            _logger.LogError("The estate file {Path} was changed but is invalid; the estate in force is kept:{NewLine}  {Errors}",
                Path, Environment.NewLine, string.Join(Environment.NewLine + "  ", errors));
            return errors;
        }
    }

    /// <summary>Under the write lock, so a save in between is not overwritten with the snapshot before it.</summary>
    private async Task SetReloadErrorsAsync(IReadOnlyList<string> errors)
    {
        await _write.WaitAsync();
        try
        {
            _current = _current with { LastReloadErrors = errors };
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Takes a newer version another central node stored; true when the estate in force changed.</summary>
    public async Task<bool> RefreshFromDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var newest = await db.Estates.MaxAsync(r => (long?)r.Version, cancellationToken) ?? 0;
            if (newest <= _current.Version) return false;
        }

        Estate? changed;
        await _write.WaitAsync(cancellationToken);
        try
        {
            var before = _current.Version;
            await LoadNewestAsync(cancellationToken);
            changed = _current.Version != before ? _current.Estate : null;
        }
        finally
        {
            _write.Release();
        }

        if (changed is null) return false;
        _logger.LogInformation("Estate version {Version} stored by {By} taken from the database.", _current.Version, _current.UpdatedBy);
        Changed?.Invoke(changed);
        return true;
    }

    /// <summary>The newest stored versions, newest first.</summary>
    public async Task<IReadOnlyList<EstateVersion>> HistoryAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Estates.AsNoTracking().OrderByDescending(r => r.Version).Take(count)
            .Select(r => new EstateVersion(r.Version, r.UpdatedAt, r.UpdatedBy, r.Source, r.FileHash != null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Loads the newest stored version into force; returns why it cannot be used, when it is invalid.</summary>
    private async Task<string?> LoadNewestAsync(CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var newest = await db.Estates.AsNoTracking().OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        _file.KnownHash = await db.Estates.Where(r => r.FileHash != null).OrderByDescending(r => r.Version)
            .Select(r => r.FileHash).FirstOrDefaultAsync(cancellationToken);
        if (newest is null) return null;

        var result = EstateFile.Parse(newest.Document, "estate.json", _catalogue);
        if (!result.Succeeded)
        {
            // A catalogue update may retire a role the stored estate still uses.
            return $"The stored estate (version {newest.Version}) does not fit catalogue {_catalogue.Version}:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", result.Errors);
        }

        _current = new Snapshot(result.Estate!, Clock.GetUtcNow(), [])
        {
            Version = newest.Version,
            Source = newest.Source,
            UpdatedAt = newest.UpdatedAt,
            UpdatedBy = newest.UpdatedBy,
        };
        return null;
    }

    private async Task<EstateSaveResult> CommitAsync(
        Estate estate, EstateSource source, string by, string? fileHash, bool writeFile, long? expectedVersion, bool raise, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        Snapshot saved;
        try
        {
            var before = _current;
            if (expectedVersion is { } expected && expected != before.Version)
            {
                return EstateSaveResult.Conflict(before.Version,
                    $"The estate was changed meanwhile (now version {before.Version}, by {before.UpdatedBy}); reload and apply your change again.");
            }

            if (before.Version > 0 && EstateFile.ToJson(estate) == EstateFile.ToJson(before.Estate))
            {
                if (fileHash is not null) _file.KnownHash = fileHash; // same estate, reformatted file: nothing to store
                return EstateSaveResult.Unchanged(before.Version);
            }

            var now = Clock.GetUtcNow();
            var version = before.Version + 1;
            var updatedBy = Truncate($"{by} on {Environment.MachineName}", 300);
            var bytes = writeFile ? _file.Render(estate) : null;
            var hash = bytes is null ? fileHash : EstateFileMirror.HashOf(bytes);
            var previousHash = _file.KnownHash;
            try
            {
                await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                db.Estates.Add(new EstateRecord
                {
                    Version = version, Document = EstateFile.ToJson(estate), UpdatedAt = now, UpdatedBy = updatedBy, Source = source, FileHash = hash,
                });
                await db.SaveChangesAsync(cancellationToken);
                // Inside the transaction: a file that cannot be written rolls the new version back.
                if (bytes is not null) _file.Write(bytes);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                _file.KnownHash = previousHash;
                _logger.LogWarning(ex, "Storing estate version {Version} failed: another central node stored it first.", version);
                return EstateSaveResult.Conflict(before.Version,
                    $"Another central node stored estate version {version} meanwhile; it is taken over shortly. Apply your change again then.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _file.KnownHash = previousHash;
                _logger.LogError(ex, "Writing the estate file {Path} failed; nothing was stored.", Path);
                return EstateSaveResult.Failed(before.Version,
                    $"The estate file {Path} ({CentralOptions.Section}:EstatePath) could not be written ({ex.Message}); nothing was changed.");
            }

            if (hash is not null) _file.KnownHash = hash;
            saved = new Snapshot(estate, now, []) { Version = version, Source = source, UpdatedAt = now, UpdatedBy = updatedBy };
            _current = saved;
        }
        finally
        {
            _write.Release();
        }

        _logger.LogInformation("Estate {Estate} version {Version} stored ({Source}, by {By}): {Hosts} hosts.",
            estate.Name, saved.Version, source, saved.UpdatedBy, estate.Hosts.Count);
        if (raise) Changed?.Invoke(estate);
        return EstateSaveResult.Saved(saved.Version);
    }

    private async Task ImportFileSafelyAsync()
    {
        try
        {
            await ImportFileAsync();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Importing the edited estate file {Path} failed; the estate in force is kept.", Path);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    public void Dispose() => _write.Dispose();
}
