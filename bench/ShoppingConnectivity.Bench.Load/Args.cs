using System.Globalization;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>--name value options; unknown names are refused, so a typo does not silently run the default.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
                throw new ArgumentException($"Expected '--name value' pairs, got '{list[i]}'.");
            _values[list[i][2..]] = list[++i];
        }
    }

    public int Int(string name, int fallback) => _values.TryGetValue(Use(name), out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string Text(string name, string fallback) => _values.TryGetValue(Use(name), out var v) ? v : fallback;

    public string? Optional(string name) => _values.GetValueOrDefault(Use(name));

    public (int Min, int Max) Range(string name, (int, int) fallback)
    {
        if (!_values.TryGetValue(Use(name), out var v)) return fallback;
        var parts = v.Split('-');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[^1], CultureInfo.InvariantCulture));
    }

    /// <summary>Call after reading every option: names given but never read are mistakes.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }

    private string Use(string name)
    {
        _used.Add(name);
        return name;
    }
}
