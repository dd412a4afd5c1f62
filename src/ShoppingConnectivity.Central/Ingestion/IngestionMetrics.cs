using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// The batching writer's instruments (meter <see cref="MeterName"/>): how long each stage of a group's write takes,
/// so a slow writer shows where its time goes in any metrics tool (dotnet-counters, OpenTelemetry).
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "ShoppingConnectivity.Central.Ingestion";

    /// <summary>Seconds per stage of a group: begin, claim, load links, links and streaks, insert results, transitions links agents, commit, live state.</summary>
    public const string StageDuration = "sc.ingestion.stage.duration";

    private readonly Histogram<double> _stages;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        // Stages take from tens of microseconds to seconds: the SDK's default buckets (0 to 10,000, made for milliseconds)
        // would put every one of them in the first bucket.
        _stages = meter.CreateHistogram(StageDuration, unit: "s", description: "Time the ingestion writer spends per stage of a group's transaction.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    /// <summary>Times the stages of one group: each <see cref="GroupStages.Lap"/> records the time since the previous one.</summary>
    public GroupStages StartGroup() => new(_stages);

    /// <summary>The stages of one group, timed back to back.</summary>
    public struct GroupStages(Histogram<double> stages)
    {
        private long _last = Stopwatch.GetTimestamp();

        public void Lap(string stage)
        {
            var now = Stopwatch.GetTimestamp();
            stages.Record(Stopwatch.GetElapsedTime(_last, now).TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
            _last = now;
        }
    }
}
