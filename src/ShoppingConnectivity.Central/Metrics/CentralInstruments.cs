using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Agents;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Metrics;

/// <summary>
/// What central knows, as instruments of meter <see cref="MeterName"/> (on /metrics as sc_*). Series are bounded by the
/// catalogue (flows x outcomes) and by the server hosts: client agents are counted, never listed, unless
/// <see cref="MetricsOptions.PerLinkSeries"/> asks for one series per link.
/// </summary>
public sealed class CentralInstruments
{
    public const string MeterName = "ShoppingConnectivity.Central";

    /// <summary>The outcome label of links with no fresh result (the grey part of an edge).</summary>
    public const string SilentOutcome = "Silent";

    /// <summary>The role whose hosts are counted, not listed: an estate has thousands of clients.</summary>
    private const string ClientRole = "Client";

    /// <summary>Server hosts <see cref="AgentUpName"/> lists at most (a host past them is counted in sc.agents only).</summary>
    public const int MaxAgentSeries = 10_000;

    private const string AgentUpName = "sc.agent.up";
    private const string LinkUpName = "sc.link.up";

    private static readonly ProbeOutcome[] Outcomes = Enum.GetValues<ProbeOutcome>();
    private static readonly EdgeColour[] Colours = Enum.GetValues<EdgeColour>();
    private static readonly AgentStatus[] Statuses = Enum.GetValues<AgentStatus>();

    private readonly LiveState _live;
    private readonly MetricsCounts _counts;
    private readonly MetricsOptions _options;
    private readonly TimeProvider _clock;

    public CentralInstruments(IMeterFactory meters, LiveState live, IngestionWriter writer, MetricsCounts counts, IOptions<MetricsOptions> options,
        TimeProvider clock)
    {
        _clock = clock;
        _live = live;
        _counts = counts;
        _options = options.Value;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("sc.edge.links", EdgeLinks,
            description: "Links of each flow's edge by their latest outcome; Silent: no fresh result.");
        meter.CreateObservableGauge("sc.edge.status", EdgeStatus,
            description: "1 for the colour each flow's edge shows now (Green, Amber, Red, Grey, Off, Absent), 0 for the others.");
        meter.CreateObservableGauge("sc.agents", Agents, description: "Enrolled agents by status (Online, Silent, NeverSeen, Revoked).");
        meter.CreateObservableGauge(AgentUpName, AgentUp,
            description: "1 while the agent of a server host reports (Online), 0 when silent, never seen or revoked. Client hosts are counted in sc_agents only.");
        meter.CreateObservableGauge("sc.alerts.open", OpenAlerts, description: "Open alerts per flow.");
        meter.CreateObservableGauge("sc.alert.mails", Mails,
            description: "Undelivered alert mails: queued (waiting to be sent), retrying (queued after a failed attempt), held (refused login), no_recipients.");
        meter.CreateObservableGauge("sc.alert.channel.messages", ChannelMessages,
            description: "Undelivered chat and webhook messages per channel: queued, retrying (queued after a failed attempt), held (refused by the endpoint).");
        meter.CreateObservableCounter("sc.ingestion.results", () => writer.Statistics.Results, description: "Results stored since start.");
        meter.CreateObservableCounter("sc.ingestion.batches", () => writer.Statistics.Batches, description: "Result batches received since start (duplicates included).");
        meter.CreateObservableCounter("sc.ingestion.duplicates", () => writer.Statistics.Duplicates, description: "Batches received again and not stored twice.");
        meter.CreateObservableCounter("sc.ingestion.rejected", () => writer.Statistics.Rejected, description: "Batches refused with 503 because the writer's queue was full.");
        meter.CreateObservableCounter("sc.ingestion.failed", () => writer.Statistics.Failed, description: "Batches the database did not store (their agents send them again).");
        meter.CreateObservableGauge("sc.ingestion.queue.results", () => writer.QueuedResults, description: "Results waiting for the writer.");
        meter.CreateObservableGauge("sc.ingestion.queue.batches", () => writer.QueuedBatches, description: "Batches waiting for the writer.");
        if (_options.PerLinkSeries)
            meter.CreateObservableGauge(LinkUpName, LinkUp, description: "Per link: 1 when its latest fresh result is Reachable, else 0 (Central:Metrics:PerLinkSeries).");
    }

    private IEnumerable<Measurement<int>> EdgeLinks()
    {
        foreach (var edge in _live.Edges)
        {
            foreach (var outcome in Outcomes)
                yield return new(edge.Counts.GetValueOrDefault(outcome), Flow(edge), new("outcome", outcome.ToString()));
            yield return new(edge.StaleLinks, Flow(edge), new("outcome", SilentOutcome));
        }
    }

    private IEnumerable<Measurement<int>> EdgeStatus()
    {
        foreach (var edge in _live.Edges)
        {
            foreach (var colour in Colours)
                yield return new(edge.Colour == colour ? 1 : 0, Flow(edge), new("status", colour.ToString()));
        }
    }

    private IEnumerable<Measurement<int>> Agents()
    {
        var agents = _counts.Current.Agents;
        foreach (var status in Statuses)
            yield return new(agents.Count(a => a.RevokedAt is null && a.Status == status), new KeyValuePair<string, object?>("status", status.ToString()));
        yield return new(agents.Count(a => a.RevokedAt is not null), new KeyValuePair<string, object?>("status", "Revoked"));
    }

    private IEnumerable<Measurement<int>> AgentUp()
    {
        // One series per host: a host enrolled again after a revocation has two agents, and Prometheus refuses a
        // scrape with the same series twice.
        return _counts.Current.Agents
            .Where(agent => !(agent.EstateRoles.Count > 0 ? agent.EstateRoles : agent.ReportedRoles).All(r => string.Equals(r, ClientRole, StringComparison.Ordinal)))
            .GroupBy(agent => agent.HostName, StringComparer.OrdinalIgnoreCase)
            .Take(MaxAgentSeries)
            .Select(host => new Measurement<int>(host.Any(a => a.RevokedAt is null && a.Status == AgentStatus.Online) ? 1 : 0,
                new KeyValuePair<string, object?>("host", host.Key)));
    }

    private IEnumerable<Measurement<int>> OpenAlerts()
    {
        var open = _counts.Current.OpenAlertsByFlow;
        foreach (var flow in _live.Catalogue.Flows)
            yield return new(open.GetValueOrDefault(flow.Id), new KeyValuePair<string, object?>("flow", flow.Id));
    }

    private IEnumerable<Measurement<int>> Mails()
    {
        foreach (var (state, count) in _counts.Current.MailsByState)
            yield return new(count, new KeyValuePair<string, object?>("state", state));
    }

    private IEnumerable<Measurement<int>> ChannelMessages()
    {
        foreach (var ((channel, state), count) in _counts.Current.ChannelMessages)
            yield return new(count, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("state", state));
    }

    private IEnumerable<Measurement<int>> LinkUp()
    {
        var hosts = _counts.Current.Agents.ToDictionary(a => a.Id, a => a.HostName, StringComparer.Ordinal);
        var thresholds = _live.Thresholds;
        var now = _clock.GetUtcNow();
        // Keyed by what the labels say, so two agents of one host (enrolled again) never make the same series twice.
        return _live.AllLinks()
            .GroupBy(link => (link.FlowId, Source: hosts.GetValueOrDefault(link.AgentId, link.AgentId), link.TargetHost, link.Port))
            .Take(_options.MaxLinkSeries)
            .Select(g => new Measurement<int>(g.Any(link => link.Outcome == ProbeOutcome.Reachable && thresholds.SilentAt(link) > now) ? 1 : 0,
                new("flow", g.Key.FlowId), new("source", g.Key.Source), new("target", g.Key.TargetHost), new("port", g.Key.Port)));
    }

    /// <summary>
    /// The series OpenTelemetry keeps for one of these instruments, where its default (2,000 per instrument, the rest
    /// folded into one otel_metric_overflow series) is too few; null: the default. Two more than the series, for the
    /// slots the SDK reserves (no tags, overflow). The SDK allocates the whole limit up front, about 72 bytes a series.
    /// </summary>
    public static int? SeriesLimit(string instrument, MetricsOptions options) => instrument switch
    {
        LinkUpName when options.PerLinkSeries => options.MaxLinkSeries + 2,
        AgentUpName => MaxAgentSeries + 2,
        _ => null,
    };

    private static KeyValuePair<string, object?> Flow(EdgeState edge) => new("flow", edge.FlowId);
}
