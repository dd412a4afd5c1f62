using System.Diagnostics.CodeAnalysis;

namespace ShoppingConnectivity.Core.Text;

/// <summary>
/// One instance of each distinct text it is given, so the hundreds of thousands of links that name the same few probes,
/// flows, hosts and details hold one string each instead of one per link (a third of central's heap at 260,000 links
/// was such copies). Bounded: at <see cref="Capacity"/> texts it starts again (what it handed out stays valid), so texts
/// from the network cannot grow it without end. Not thread-safe: one owner at a time (the ingestion writer, a load).
/// </summary>
public sealed class StringPool(int capacity = StringPool.DefaultCapacity)
{
    public const int DefaultCapacity = 16_384;

    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A pool holds at least one text.");

    /// <summary>Texts held now.</summary>
    public int Count => _texts.Count;

    /// <summary>The pool's instance of <paramref name="text"/>: the first one it was given since it last started again.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Get(string? text)
    {
        if (text is null) return null;
        if (_texts.TryGetValue(text, out var pooled)) return pooled;
        if (_texts.Count >= Capacity) _texts.Clear();
        _texts.Add(text);
        return text;
    }
}
