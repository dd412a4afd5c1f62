using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Firewall;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>
/// The exports of the estate in force, each generated once per estate version and kind, whoever asks and however many
/// ask at once: the first request generates, the others wait for that generation. Each is kept as a UTF-8 file under
/// the data folder (exports/), not on the heap: a 10,000-host estate's script is about 50 MB, and the operating
/// system's page cache serves a file as well as a byte array would, without the large-object heap growing and
/// staying grown. Files of older versions are deleted when the estate changes. Instruments: meter
/// <see cref="MeterName"/>.
/// </summary>
public sealed class EstateExports
{
    public const string MeterName = "ShoppingConnectivity.Central.Estates";

    /// <summary>Exports generated (tag kind); once per estate version and kind while central runs.</summary>
    public const string Generated = "sc.estate.exports.generated";

    /// <summary>Export requests refused with 503 because <see cref="EstateExportOptions.MaxConcurrent"/> were being served.</summary>
    public const string Refused = "sc.estate.exports.refused";

    /// <summary>Seconds one generation took (tag kind).</summary>
    public const string GenerationDuration = "sc.estate.exports.generation.duration";

    private static readonly UTF8Encoding Utf8 = new(false);

    private readonly ConcurrentDictionary<(long Version, EstateExportKind Kind), Lazy<Task<ExportFile>>> _files = new();
    private readonly EstateStore _store;
    private readonly FlowCatalogue _catalogue;
    private readonly TimeProvider _clock;
    private readonly ILogger<EstateExports> _logger;
    private readonly int _maxConcurrent;
    private readonly string _fingerprint;
    private readonly Counter<long> _generated;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _duration;
    private int _serving;

    public EstateExports(
        EstateStore store,
        FlowCatalogue catalogue,
        IOptions<CentralOptions> central,
        IOptions<EstateExportOptions> options,
        TimeProvider clock,
        IMeterFactory meters,
        ILogger<EstateExports> logger)
    {
        _store = store;
        _catalogue = catalogue;
        _clock = clock;
        _logger = logger;
        _maxConcurrent = options.Value.MaxConcurrent;
        Folder = Path.Combine(central.Value.DataDirectory, "exports");
        // Files of an earlier run may be of another catalogue or build: this run writes its own.
        DeleteFiles(_ => true);
        // The exports follow the estate, the catalogue and the generators of this build: an upgrade gives new ETags.
        var build = typeof(EstateExports).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        _fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{catalogue.Version}\n{build}")))[..8];
        var meter = meters.Create(MeterName);
        _generated = meter.CreateCounter<long>(Generated, description: "Estate exports generated (once per estate version and kind).");
        _refused = meter.CreateCounter<long>(Refused, description: "Export requests refused: too many served at once.");
        _duration = meter.CreateHistogram<double>(GenerationDuration, unit: "s", description: "Time one estate export took to generate.");
        store.Changed += _ => Prune();
    }

    /// <summary>Where the generated files are kept.</summary>
    public string Folder { get; }

    /// <summary>
    /// The ETag of every export of estate <paramref name="version"/>: the version, and a fingerprint of the catalogue
    /// and build, so a copy from before an upgrade is not taken for current.
    /// </summary>
    public EntityTagHeaderValue ETag(long version) => new($"\"v{version}-{_fingerprint}\"");

    /// <summary>The ETag of the exports of the estate in force.</summary>
    public EntityTagHeaderValue CurrentETag => ETag(_store.State.Version);

    /// <summary>
    /// A place among the export requests served at once, held until the answer is sent (dispose it then); null when
    /// <see cref="EstateExportOptions.MaxConcurrent"/> are being served.
    /// </summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref _serving) <= _maxConcurrent) return new Place(this);
        Interlocked.Decrement(ref _serving);
        _refused.Add(1);
        return null;
    }

    /// <summary>The export of the estate in force, generated first when this version has none yet (or waiting for the generation under way).</summary>
    public async Task<EstateExportDownload> OpenAsync(EstateExportKind kind, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = _store.State;
            var key = (state.Version, kind);
            var entry = _files.GetOrAdd(key, k => new Lazy<Task<ExportFile>>(() => Task.Run(() => Generate(state, k.Kind))));
            // The generation is shared: a request that gives up does not cancel it for the others.
            var file = await entry.Value.WaitAsync(cancellationToken);
            try
            {
                var content = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1,
                    FileOptions.Asynchronous | FileOptions.SequentialScan);
                return new EstateExportDownload(content, ContentType(kind) + "; charset=utf-8", file.FileName, ETag(state.Version), state.UpdatedAt);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException && attempt < 3)
            {
                // Deleted meanwhile: a newer version replaced it, or the folder was cleaned. Take the version in force again.
                _files.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private ExportFile Generate(EstateStore.Snapshot state, EstateExportKind kind)
    {
        var started = _clock.GetTimestamp();
        var path = Path.Combine(Folder, $"v{state.Version}-{FileSuffix(kind)}");
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            // Written to a temporary name and renamed: a download never reads a half-written file.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            using (var writer = new StreamWriter(stream, Utf8, 64 * 1024))
            {
                Write(writer, kind, state.Estate);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex)
        {
            // Not kept: the next request tries again.
            _files.TryRemove((state.Version, kind), out _);
            TryDelete(temporary);
            _logger.LogError(ex, "Generating the {Kind} export of estate version {Version} failed.", kind, state.Version);
            throw;
        }

        var elapsed = _clock.GetElapsedTime(started);
        var tag = new KeyValuePair<string, object?>("kind", kind.ToString());
        _generated.Add(1, tag);
        _duration.Record(elapsed.TotalSeconds, tag);
        _logger.LogInformation("Generated the {Kind} export of estate version {Version} ({Hosts} hosts): {Bytes} bytes in {Milliseconds:0} ms.",
            kind, state.Version, state.Estate.Hosts.Count, new FileInfo(path).Length, elapsed.TotalMilliseconds);
        // The estate may have changed while this one was written.
        Prune();
        return new ExportFile(path, FileName(state.Estate.Name, state.Version, kind));
    }

    private void Write(StreamWriter writer, EstateExportKind kind, Estate estate)
    {
        switch (kind)
        {
            case EstateExportKind.EstateJson:
                writer.Write(EstateFile.ToJson(estate));
                break;
            case EstateExportKind.EstateYaml:
                writer.Write(EstateFile.ToYaml(estate));
                break;
            case EstateExportKind.FirewallCsv:
                FirewallCsv.Write(writer, FirewallRules.For(_catalogue, estate));
                break;
            case EstateExportKind.FirewallPowerShell:
                FirewallPowerShell.Write(writer, _catalogue, estate, FirewallRules.For(_catalogue, estate));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an export.");
        }
    }

    /// <summary>
    /// Forgets the finished exports of versions older than the one in force and deletes their files (a download still
    /// reading one keeps it open). Generations still under way for an older version are pruned when they finish.
    /// </summary>
    private void Prune()
    {
        var current = _store.State.Version;
        foreach (var (key, entry) in _files)
        {
            if (key.Version >= current || !entry.IsValueCreated || !entry.Value.IsCompletedSuccessfully) continue;
            if (_files.TryRemove(KeyValuePair.Create(key, entry))) TryDelete(entry.Value.Result.Path);
        }

        // Left-overs whose delete failed before (a file still open on Windows) go now. Asked of the live dictionary for
        // each file listed, not of a copy taken before the listing: a generation that started meanwhile (its key added
        // before its file appears) keeps its file. With a copy, a CSV finished during this listing was deleted under
        // the request about to open it, and generated again.
        DeleteFiles(name => !name.EndsWith(".tmp", StringComparison.Ordinal) && !_files.Keys.Any(k => name == $"v{k.Version}-{FileSuffix(k.Kind)}"));
    }

    /// <summary>Best effort: it runs in the estate's Changed event and after a generation, neither of which may fail for it.</summary>
    private void DeleteFiles(Func<string, bool> which)
    {
        try
        {
            if (!Directory.Exists(Folder)) return;
            foreach (var file in Directory.EnumerateFiles(Folder))
            {
                if (which(Path.GetFileName(file))) TryDelete(file);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(ex, "Could not list the exports folder {Folder} to delete old exports.", Folder);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug(ex, "Could not delete the old export {Path} yet; it goes at the next estate change.", path);
        }
    }

    private static string FileSuffix(EstateExportKind kind) => kind switch
    {
        EstateExportKind.EstateJson => "estate.json",
        EstateExportKind.EstateYaml => "estate.yaml",
        EstateExportKind.FirewallCsv => "firewall-rules.csv",
        _ => "firewall-rules.ps1",
    };

    private static string ContentType(EstateExportKind kind) => kind switch
    {
        EstateExportKind.EstateJson => "application/json",
        EstateExportKind.EstateYaml => "application/yaml",
        EstateExportKind.FirewallCsv => "text/csv",
        _ => "text/plain",
    };

    /// <summary>estate-contoso-v12.yaml: the estate's name made safe for a file name, and its version.</summary>
    private static string FileName(string estateName, long version, EstateExportKind kind)
    {
        var name = new string(estateName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (name.Contains("--", StringComparison.Ordinal)) name = name.Replace("--", "-", StringComparison.Ordinal);
        var suffix = FileSuffix(kind);
        var dot = suffix.LastIndexOf('.');
        return $"{suffix[..dot]}-{(name.Length == 0 ? "estate" : name)}-v{version}{suffix[dot..]}";
    }

    /// <summary>A generated export: its file and the name a download gets.</summary>
    private sealed record ExportFile(string Path, string FileName);

    /// <summary>One request's place among those served at once; given back once.</summary>
    private sealed class Place(EstateExports exports) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Interlocked.Decrement(ref exports._serving);
        }
    }
}
