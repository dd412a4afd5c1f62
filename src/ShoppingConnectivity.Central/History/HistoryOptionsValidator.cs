using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.History;

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
