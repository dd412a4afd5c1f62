using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central;

/// <summary>Central's settings, bound from the "Central" section.</summary>
public sealed class CentralOptions
{
    public const string Section = "Central";

    /// <summary>Folder for the embedded SQLite database; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Estate file (JSON or YAML). Empty: no estate yet, the diagram shows every flow grey.</summary>
    public string? EstatePath { get; set; }

    /// <summary>The address people reach central at (https://central.contoso.example/): links in alert mails. Empty: mails carry no links.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Whether saves on the Estate pages are written back to the estate file. Off: the file is only imported (Development's sample file stays as it is in the repository).</summary>
    public bool WriteEstateFile { get; set; } = true;

    /// <summary>Bootstrap key agents trade for a token of their own, beside the keys made in the UI. Empty: only those.</summary>
    public string? EnrolmentKey { get; set; }

    public int ProbeIntervalSeconds { get; set; } = 60;

    public int ProbeTimeoutMs { get; set; } = 3000;

    /// <summary>A link with no result for this many intervals counts as silent (grey).</summary>
    public int StaleAfterIntervals { get; set; } = 3;

    /// <summary>Share of failing links at which a client flow's edge turns red.</summary>
    public double ClientBrokenShare { get; set; } = 0.05;

    /// <summary>Share of failing links above which a client flow's edge turns amber (0: any failing link).</summary>
    public double ClientAmberShare { get; set; }

    /// <summary>Share of failing links at which a server flow's edge turns red (0: any failing link).</summary>
    public double ServerBrokenShare { get; set; }

    /// <summary>When the diagram blames a host rather than an edge (Central:Blame:MinSources ...).</summary>
    public BlameOptions Blame { get; set; } = new();

    public int MaxResultsPerBatch { get; set; } = 5000;

    /// <summary>Live updates to an open dashboard are coalesced to at most one per this many milliseconds.</summary>
    public int LiveUpdateMilliseconds { get; set; } = 250;

    /// <summary>How often silent links are re-checked so their edges turn grey.</summary>
    public int FreshnessCheckSeconds { get; set; } = 10;

    /// <summary>Per-flow probe settings by flow id (Central:Flows:website-dc-ldap:TimeoutMs); unset values keep the defaults above.</summary>
    public Dictionary<string, FlowProbeOptions> Flows { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Relative paths follow the content root, so `dotnet run` and a service behave the same.</summary>
    public static string ResolvePath(string path, IHostEnvironment environment) =>
        Path.GetFullPath(path, environment.ContentRootPath);

    /// <summary>The shares and freshness edges are coloured by.</summary>
    public EdgeThresholds Thresholds() => new(ClientBrokenShare, StaleAfterIntervals, ServerBrokenShare, ClientAmberShare);

    /// <summary>The probe timeouts and intervals plans are built with.</summary>
    public ProbeDefaults ProbeDefaults() => new(
        ProbeTimeoutMs,
        ProbeIntervalSeconds,
        Flows.ToDictionary(f => f.Key, f => new FlowProbeSettings(f.Value.TimeoutMs, f.Value.IntervalSeconds), StringComparer.Ordinal));
}

/// <summary>
/// A target host is blamed when at least MinSources sources fail to reach it and they are at least Share of its
/// sources; a source host when it fails to reach at least MinTargets targets, at least Share of its targets.
/// </summary>
public sealed class BlameOptions
{
    public int MinSources { get; set; } = BlameRules.Default.MinSources;

    public int MinTargets { get; set; } = BlameRules.Default.MinTargets;

    public double Share { get; set; } = BlameRules.Default.Share;
}

/// <summary>One flow's own probe timeout and interval.</summary>
public sealed class FlowProbeOptions
{
    public int? TimeoutMs { get; set; }

    public int? IntervalSeconds { get; set; }
}

/// <summary>Lists every invalid setting with its configuration key, so one start shows them all.</summary>
public sealed class CentralOptionsValidator(FlowCatalogue catalogue) : IValidateOptions<CentralOptions>
{
    public ValidateOptionsResult Validate(string? name, CentralOptions options)
    {
        var errors = new List<string>();
        var s = CentralOptions.Section;
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            errors.Add($"{s}:DataDirectory is required.");
        if (options.EnrolmentKey is { Length: > 0 and < 16 })
            errors.Add($"{s}:EnrolmentKey must be at least 16 characters (it is {options.EnrolmentKey.Length}).");
        if (options.ProbeIntervalSeconds is < 1 or > 86_400)
            errors.Add($"{s}:ProbeIntervalSeconds must be between 1 and 86400 (is {options.ProbeIntervalSeconds}).");
        if (options.ProbeTimeoutMs is < 50 or > 120_000)
            errors.Add($"{s}:ProbeTimeoutMs must be between 50 and 120000 (is {options.ProbeTimeoutMs}).");
        if (options.ProbeTimeoutMs >= options.ProbeIntervalSeconds * 1000)
            errors.Add($"{s}:ProbeTimeoutMs ({options.ProbeTimeoutMs}) must be shorter than {s}:ProbeIntervalSeconds ({options.ProbeIntervalSeconds} s).");
        if (options.StaleAfterIntervals is < 1 or > 1000)
            errors.Add($"{s}:StaleAfterIntervals must be between 1 and 1000 (is {options.StaleAfterIntervals}).");
        if (options.ClientBrokenShare is <= 0 or > 1)
            errors.Add($"{s}:ClientBrokenShare must be above 0 and at most 1 (is {options.ClientBrokenShare}).");
        if (options.ClientAmberShare is < 0 or >= 1)
            errors.Add($"{s}:ClientAmberShare must be at least 0 and below 1 (is {options.ClientAmberShare}).");
        else if (options.ClientAmberShare >= options.ClientBrokenShare)
            errors.Add($"{s}:ClientAmberShare ({options.ClientAmberShare}) must be below {s}:ClientBrokenShare ({options.ClientBrokenShare}).");
        if (options.ServerBrokenShare is < 0 or > 1)
            errors.Add($"{s}:ServerBrokenShare must be between 0 (any failing link) and 1 (is {options.ServerBrokenShare}).");
        if (options.Blame.MinSources is < 2 or > 1_000_000)
            errors.Add($"{s}:Blame:MinSources must be between 2 and 1000000 (is {options.Blame.MinSources}).");
        if (options.Blame.MinTargets is < 2 or > 1_000_000)
            errors.Add($"{s}:Blame:MinTargets must be between 2 and 1000000 (is {options.Blame.MinTargets}).");
        if (options.Blame.Share is <= 0 or > 1)
            errors.Add($"{s}:Blame:Share must be above 0 and at most 1 (is {options.Blame.Share}).");
        if (options.MaxResultsPerBatch is < 1 or > 100_000)
            errors.Add($"{s}:MaxResultsPerBatch must be between 1 and 100000 (is {options.MaxResultsPerBatch}).");
        if (options.LiveUpdateMilliseconds is < 10 or > 10_000)
            errors.Add($"{s}:LiveUpdateMilliseconds must be between 10 and 10000 (is {options.LiveUpdateMilliseconds}).");
        if (options.FreshnessCheckSeconds is < 1 or > 3600)
            errors.Add($"{s}:FreshnessCheckSeconds must be between 1 and 3600 (is {options.FreshnessCheckSeconds}).");
        foreach (var (flowId, flow) in options.Flows)
        {
            var key = $"{s}:Flows:{flowId}";
            if (catalogue.FindFlow(flowId) is null)
            {
                errors.Add($"{key}: unknown flow '{flowId}' (see GET /api/v1/catalogue for the flow ids).");
                continue;
            }

            var interval = flow.IntervalSeconds ?? options.ProbeIntervalSeconds;
            var timeout = flow.TimeoutMs ?? options.ProbeTimeoutMs;
            if (flow.IntervalSeconds is < 1 or > 86_400)
                errors.Add($"{key}:IntervalSeconds must be between 1 and 86400 (is {flow.IntervalSeconds}).");
            if (flow.TimeoutMs is < 50 or > 120_000)
                errors.Add($"{key}:TimeoutMs must be between 50 and 120000 (is {flow.TimeoutMs}).");
            else if (timeout >= interval * 1000 && (flow.TimeoutMs is not null || flow.IntervalSeconds is not null))
                errors.Add($"{key}: the timeout ({timeout} ms) must be shorter than the interval ({interval} s).");
        }

        if (options.PublicUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"{s}:PublicUrl must be an absolute http or https address (is '{url}').");
        if (options.EstatePath is { Length: > 0 } path && !File.Exists(path))
            errors.Add($"{s}:EstatePath: file '{path}' does not exist.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
