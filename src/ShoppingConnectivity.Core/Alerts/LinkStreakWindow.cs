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
    public LinkStreak Current(AlertRule rule) => LinkStreak.Apply(Base, Recent, Recent.Count, rule);

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
        var fold = recent.Count - Capacity;
        if (fold <= 0) return new LinkStreakWindow(Base, recent);
        var baseStreak = LinkStreak.Apply(Base, recent, fold, rule);
        recent.RemoveRange(0, fold);
        return new LinkStreakWindow(baseStreak, recent);
    }

    /// <summary>
    /// Compact text for the link's row (written per touched link per group, so kept short and cheap to write and read):
    /// <c>s2;health;failed;good;failingSince;changedAt;lastAt;run+run-...</c>. Numbers are in base 64 (digits
    /// <c>0-9A-Za-z._</c>), times UTC ticks (empty for none); each run is its time, as ticks after the previous run's
    /// (the first: absolute), then <c>+</c> (good) or <c>-</c> (failed). A window of 16 runs a minute apart is about
    /// 125 characters, against 335 in decimal with absolute times (<c>s1</c>, still read).
    /// </summary>
    public string Serialize()
    {
        Span<char> text = stackalloc char[MaxLength];
        Prefix.CopyTo(text);
        var at = Prefix.Length;
        at = Number(text, at, (long)Base.Health, ';');
        at = Number(text, at, Base.FailedInARow, ';');
        at = Number(text, at, Base.GoodInARow, ';');
        at = Time(text, at, Base.FailingSince);
        at = Time(text, at, Base.ChangedAt);
        at = Time(text, at, Base.LastAt);
        var previous = 0L;
        foreach (var run in Recent)
        {
            at = Number(text, at, run.At.UtcTicks - previous, run.Good ? '+' : '-');
            previous = run.At.UtcTicks;
        }

        return new string(text[..at]);

        static int Time(Span<char> text, int at, DateTimeOffset? time)
        {
            if (time is { } t) return Number(text, at, t.UtcTicks, ';');
            text[at] = ';';
            return at + 1;
        }

        static int Number(Span<char> text, int at, long value, char end)
        {
            // Runs are kept in time order, so every number written is zero or more.
            Span<char> digits = stackalloc char[11];
            var n = digits.Length;
            do
            {
                digits[--n] = Digits[(int)(value & 63)];
                value >>= 6;
            }
            while (value > 0);

            digits[n..].CopyTo(text[at..]);
            at += digits.Length - n;
            text[at] = end;
            return at + 1;
        }
    }

    private const string Prefix = "s2;";
    private const string DecimalPrefix = "s1;";
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._";

    /// <summary>The longest text <see cref="Serialize"/> writes: prefix, six fields and the runs, each number at most 11 digits.</summary>
    private const int MaxLength = 3 + 6 * 12 + Capacity * 12;

    /// <summary>Reads what <see cref="Serialize"/> wrote (or the decimal form before it); empty or unreadable text starts afresh (the streak rebuilds within a few runs).</summary>
    public static LinkStreakWindow Parse(string? text) =>
        text is null ? Empty
        : text.StartsWith(Prefix, StringComparison.Ordinal) ? ParseCompact(text.AsSpan(Prefix.Length), compact: true) ?? Empty
        : text.StartsWith(DecimalPrefix, StringComparison.Ordinal) ? ParseCompact(text.AsSpan(DecimalPrefix.Length), compact: false) ?? Empty
        : Empty;

    /// <param name="compact">Base-64 numbers and runs timed from the previous run (s2), or decimal and absolute (s1).</param>
    private static LinkStreakWindow? ParseCompact(ReadOnlySpan<char> text, bool compact)
    {
        Span<long> numbers = stackalloc long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!Next(ref text, out var field) || !TryNumber(field, compact, out numbers[i])) return null;
        }

        Span<long> times = stackalloc long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!Next(ref text, out var field)) return null;
            if (field.IsEmpty) times[i] = -1;
            else if (!TryNumber(field, compact, out times[i]) || times[i] > DateTimeOffset.MaxValue.UtcTicks) return null;
        }

        if (!Enum.IsDefined((LinkHealth)numbers[0]) || numbers[1] > int.MaxValue || numbers[2] > int.MaxValue) return null;
        var recent = new List<LinkRun>(Capacity);
        var previous = 0L;
        while (!text.IsEmpty)
        {
            var end = text.IndexOfAny('+', '-');
            if (end <= 0 || !TryNumber(text[..end], compact, out var ticks)) return null;
            if (compact) ticks += previous;
            if (ticks < previous || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            recent.Add(new LinkRun(new DateTimeOffset(ticks, TimeSpan.Zero), text[end] == '+'));
            previous = ticks;
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

    /// <summary>A number of zero or more: base 64 (at most 11 digits, the first below 8, so it fits a long) or decimal.</summary>
    private static bool TryNumber(ReadOnlySpan<char> field, bool compact, out long value)
    {
        if (!compact) return long.TryParse(field, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
        value = 0;
        if (field.IsEmpty || field.Length > 11) return false;
        foreach (var c in field)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                >= 'a' and <= 'z' => c - 'a' + 36,
                '.' => 62,
                '_' => 63,
                _ => -1,
            };
            if (digit < 0) return false;
            value = (value << 6) | (long)digit;
        }

        return field.Length < 11 || field[0] is >= '0' and <= '7';
    }
}
