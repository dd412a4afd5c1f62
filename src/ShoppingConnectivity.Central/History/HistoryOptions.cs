namespace ShoppingConnectivity.Central.History;

/// <summary>How long each kind of history is kept and how the background jobs pace themselves ("Central:History").</summary>
public sealed class HistoryOptions
{
    public const string Section = "Central:History";

    /// <summary>Raw results: every probe run, for drill-down into the last hours; each is kept this long after central received it.</summary>
    public int RawRetentionHours { get; set; } = 48;

    /// <summary>Per-minute rollups per edge.</summary>
    public int MinuteRollupDays { get; set; } = 30;

    /// <summary>Per-hour rollups per edge: trends over months.</summary>
    public int HourRollupDays { get; set; } = 400;

    /// <summary>Link state changes: outage timelines and replay.</summary>
    public int TransitionDays { get; set; } = 400;

    /// <summary>Ids of received batches, so a batch an agent sends again is stored once.</summary>
    public int BatchIdDays { get; set; } = 7;

    public int RollupIntervalSeconds { get; set; } = 15;

    public int RetentionIntervalMinutes { get; set; } = 10;

    /// <summary>Rows per statement when rolling up or deleting: small, so ingestion never waits long on the writer lock.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Target of the availability report, in percent.</summary>
    public double AvailabilityTargetPercent { get; set; } = 99.9;
}
