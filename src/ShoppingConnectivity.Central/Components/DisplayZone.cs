namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// The time zone a person reads times in: their browser's (the default), UTC, or one they named. Every moment a page
/// shows goes through <see cref="Formats"/> with one of these, so a page never mixes zones and always names its zone.
/// </summary>
public sealed class DisplayZone
{
    /// <summary>The stored choice for "whatever zone my browser is in" (also what no choice means).</summary>
    public const string Browser = "browser";

    /// <summary>The stored choice for UTC.</summary>
    public const string Utc = "UTC";

    private DisplayZone(TimeZoneInfo zone, string choice, string id)
    {
        Zone = zone;
        Choice = choice;
        Id = id;
    }

    /// <summary>UTC: what a page shows before it knows better (no browser zone yet) and when a zone is unknown here.</summary>
    public static DisplayZone UtcZone { get; } = new(TimeZoneInfo.Utc, Utc, Utc);

    public TimeZoneInfo Zone { get; }

    /// <summary><see cref="Browser"/>, <see cref="Utc"/> or an IANA zone id ("Europe/London"): what the person chose.</summary>
    public string Choice { get; }

    /// <summary>The zone in use, by its IANA id ("Europe/London", "UTC").</summary>
    public string Id { get; }

    public bool IsUtc => Zone.BaseUtcOffset == TimeSpan.Zero && !Zone.SupportsDaylightSavingTime;

    /// <summary>
    /// The zone for a stored choice and the browser's zone (null when not known yet). An id this machine does not know
    /// falls back to UTC, which the page then names: never a wrong local time that looks right.
    /// </summary>
    public static DisplayZone Of(string? choice, string? browserZone)
    {
        var wanted = string.IsNullOrWhiteSpace(choice) ? Browser : choice.Trim();
        if (string.Equals(wanted, Utc, StringComparison.OrdinalIgnoreCase)) return UtcZone;
        var id = wanted == Browser ? browserZone : wanted;
        return Find(id) is { } zone ? new DisplayZone(zone, wanted, zone.Id) : new DisplayZone(TimeZoneInfo.Utc, wanted, Utc);
    }

    /// <summary>A zone by its IANA id (a browser's older name reads as the current one), or null when this machine does not know it.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return null;
        var current = ZoneAliases.CurrentName(id.Trim());
        // The current name first; a machine whose time zone data predates a renaming knows only the old one.
        if (TimeZoneInfo.TryFindSystemTimeZoneById(current, out var zone)) return zone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out zone) ? zone : null;
    }

    /// <summary>Whether a choice can be stored: the browser's, UTC, or a zone this machine knows.</summary>
    public static bool IsValidChoice(string? choice) =>
        choice is Browser || string.Equals(choice, Utc, StringComparison.OrdinalIgnoreCase) || Find(choice) is not null;

    /// <summary>The wall-clock time in this zone.</summary>
    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>
    /// The zone's name beside a moment: "UTC", or its offset at that moment ("UTC+1", "UTC-5", "UTC+5:30"), which says
    /// summer or winter time without abbreviations that mean different zones in different places.
    /// </summary>
    public string NameAt(DateTimeOffset at)
    {
        if (IsUtc) return "UTC";
        var offset = Zone.GetUtcOffset(at);
        if (offset == TimeSpan.Zero) return "UTC+0";
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0 ? $"UTC{sign}{abs.Hours}" : $"UTC{sign}{abs.Hours}:{abs.Minutes:00}";
    }

    /// <summary>The wall-clock time in this zone read back as a moment; null when the clock skips it (spring forward).</summary>
    public DateTimeOffset? FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified)) return null;
        // An hour the clock repeats (autumn) is read as its first pass, summer time, as people mean it before the change.
        var offset = Zone.IsAmbiguousTime(unspecified) ? Zone.GetAmbiguousTimeOffsets(unspecified).Max() : Zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }
}
