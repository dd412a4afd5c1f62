namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// A link's streak that takes runs in any order: the last <see cref="Capacity"/> runs are kept sorted by time and
/// folded onto <see cref="Base"/> (the streak before them), so a late result from an agent's outbox is counted at its
/// place in time, not after newer ones. A run older than every kept run is too late to place and is not counted.
/// </summary>
public sealed record LinkStreakWindow(LinkStreak Base, IReadOnlyList<LinkRun> Recent)
{
    /// <summary>How many recent runs are kept for placing late ones: a few of the longest rule, cheap per link.</summary>
    public const int Capacity = 16;

    public static LinkStreakWindow Empty { get; } = new(LinkStreak.New, []);

    /// <summary>The streak with every kept run folded in.</summary>
    public LinkStreak Current(AlertRule rule) => Recent.Aggregate(Base, (s, r) => s.Apply(r, rule));

    /// <summary>Adds a run at its place in time. <paramref name="counted"/> is false for a run too old to place.</summary>
    public LinkStreakWindow Add(LinkRun run, AlertRule rule, out bool counted)
    {
        if (Recent.Count >= Capacity && run.At < Recent[0].At)
        {
            counted = false;
            return this;
        }

        counted = true;
        var recent = new List<LinkRun>(Recent.Count + 1);
        recent.AddRange(Recent);
        var at = recent.Count;
        while (at > 0 && recent[at - 1].At > run.At) at--;
        recent.Insert(at, run);
        var baseStreak = Base;
        var fold = recent.Count - Capacity;
        for (var i = 0; i < fold; i++) baseStreak = baseStreak.Apply(recent[i], rule);
        return new LinkStreakWindow(baseStreak, fold > 0 ? recent.GetRange(fold, recent.Count - fold) : recent);
    }

    /// <summary>
    /// Compact text for the link's row (written per touched link per group, so kept short and cheap to write and read):
    /// <c>s1;health;failed;good;failingSince;changedAt;lastAt;ticks+|ticks-...</c>, times as UTC ticks (empty for none),
    /// each run's time followed by <c>+</c> (good) or <c>-</c> (failed).
    /// </summary>
    public string Serialize()
    {
        var text = new System.Text.StringBuilder(48 + Recent.Count * 20);
        text.Append(Prefix).Append((int)Base.Health).Append(';').Append(Base.FailedInARow).Append(';').Append(Base.GoodInARow).Append(';');
        Time(Base.FailingSince).Append(';');
        Time(Base.ChangedAt).Append(';');
        Time(Base.LastAt).Append(';');
        foreach (var run in Recent) text.Append(run.At.UtcTicks).Append(run.Good ? '+' : '-');
        return text.ToString();

        System.Text.StringBuilder Time(DateTimeOffset? at) => at is { } t ? text.Append(t.UtcTicks) : text;
    }

    private const string Prefix = "s1;";

    /// <summary>Reads what <see cref="Serialize"/> wrote; empty or unreadable text starts afresh (the streak rebuilds within a few runs).</summary>
    public static LinkStreakWindow Parse(string? text) =>
        text is not null && text.StartsWith(Prefix, StringComparison.Ordinal) ? ParseCompact(text.AsSpan(Prefix.Length)) ?? Empty : Empty;

    private static LinkStreakWindow? ParseCompact(ReadOnlySpan<char> text)
    {
        Span<long> numbers = stackalloc long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!Next(ref text, out var field) || !long.TryParse(field, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i])) return null;
        }

        Span<long> times = stackalloc long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!Next(ref text, out var field)) return null;
            if (field.IsEmpty) times[i] = -1;
            else if (!long.TryParse(field, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out times[i]) || times[i] > DateTimeOffset.MaxValue.UtcTicks) return null;
        }

        if (!Enum.IsDefined((LinkHealth)numbers[0]) || numbers[1] > int.MaxValue || numbers[2] > int.MaxValue) return null;
        var recent = new List<LinkRun>(Capacity);
        while (!text.IsEmpty)
        {
            var end = text.IndexOfAny('+', '-');
            if (end <= 0 || !long.TryParse(text[..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            recent.Add(new LinkRun(new DateTimeOffset(ticks, TimeSpan.Zero), text[end] == '+'));
            text = text[(end + 1)..];
        }

        return new LinkStreakWindow(new LinkStreak((LinkHealth)numbers[0], (int)numbers[1], (int)numbers[2], At(times[0]), At(times[1]), At(times[2])), recent);

        static DateTimeOffset? At(long ticks) => ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

        static bool Next(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> field)
        {
            var end = rest.IndexOf(';');
            if (end < 0)
            {
                field = default;
                return false;
            }

            field = rest[..end];
            rest = rest[(end + 1)..];
            return true;
        }
    }
}
