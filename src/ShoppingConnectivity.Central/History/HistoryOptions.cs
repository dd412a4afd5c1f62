using Microsoft.Extensions.Options;

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

public sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryOptions o)
    {
        var s = HistoryOptions.Section;
        var errors = new List<string>();
        if (o.RawRetentionHours is < 1 or > 24 * 90) errors.Add($"{s}:RawRetentionHours must be between 1 and 2160 (is {o.RawRetentionHours}).");
        if (o.MinuteRollupDays is < 1 or > 366) errors.Add($"{s}:MinuteRollupDays must be between 1 and 366 (is {o.MinuteRollupDays}).");
        if (o.HourRollupDays is < 1 or > 3660) errors.Add($"{s}:HourRollupDays must be between 1 and 3660 (is {o.HourRollupDays}).");
        if (o.HourRollupDays < o.MinuteRollupDays) errors.Add($"{s}:HourRollupDays ({o.HourRollupDays}) must not be shorter than {s}:MinuteRollupDays ({o.MinuteRollupDays}).");
        if (o.TransitionDays is < 1 or > 3660) errors.Add($"{s}:TransitionDays must be between 1 and 3660 (is {o.TransitionDays}).");
        if (o.BatchIdDays is < 1 or > 90) errors.Add($"{s}:BatchIdDays must be between 1 and 90 (is {o.BatchIdDays}).");
        if (o.RollupIntervalSeconds is < 1 or > 3600) errors.Add($"{s}:RollupIntervalSeconds must be between 1 and 3600 (is {o.RollupIntervalSeconds}).");
        if (o.RetentionIntervalMinutes is < 1 or > 1440) errors.Add($"{s}:RetentionIntervalMinutes must be between 1 and 1440 (is {o.RetentionIntervalMinutes}).");
        if (o.BatchSize is < 100 or > 100_000) errors.Add($"{s}:BatchSize must be between 100 and 100000 (is {o.BatchSize}).");
        if (o.AvailabilityTargetPercent is <= 0 or > 100) errors.Add($"{s}:AvailabilityTargetPercent must be above 0 and at most 100 (is {o.AvailabilityTargetPercent}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
