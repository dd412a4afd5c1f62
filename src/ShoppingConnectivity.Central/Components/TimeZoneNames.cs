namespace ShoppingConnectivity.Central.Components;

/// <summary>The IANA zones this server knows, for the zone picker: searched by any part of the name ("london", "new_york").</summary>
public static class TimeZoneNames
{
    private static readonly Lazy<string[]> All = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC")
        .Order(StringComparer.Ordinal)
        .ToArray());

    public static IEnumerable<string> Matching(string? text)
    {
        var wanted = text?.Trim().Replace(' ', '_') ?? "";
        return All.Value.Where(id => id.Contains(wanted, StringComparison.OrdinalIgnoreCase));
    }
}
