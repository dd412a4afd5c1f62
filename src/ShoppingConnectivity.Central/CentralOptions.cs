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
