namespace ShoppingConnectivity.Core.Alerts;

/// <summary>Durations in words for mails and history ("12 min", "3 h 5 min").</summary>
public static class Durations
{
    public static string Describe(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalSeconds < 90) return $"{(int)Math.Round(span.TotalSeconds)} s";
        if (span.TotalMinutes < 90) return $"{(int)Math.Round(span.TotalMinutes)} min";
        if (span.TotalHours < 48) return $"{(int)span.TotalHours} h {span.Minutes} min";
        return $"{(int)span.TotalDays} days {span.Hours} h";
    }
}
