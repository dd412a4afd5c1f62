using System.Globalization;

namespace ShoppingConnectivity.Agent.Preflight;

/// <summary>The command line of `preflight`, with every problem named.</summary>
public sealed record PreflightOptions(string EstatePath, string? HostName, IReadOnlyList<string>? Roles, bool Json, int TimeoutMs, int Concurrency)
{
    public static (PreflightOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        string? estate = null, host = null, format = "table";
        List<string>? roles = null;
        int timeout = 3000, concurrency = 8;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? Value()
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) return args[++i];
                problems.Add($"{name} needs a value.");
                return null;
            }

            int Number(int min, int max, int fallback)
            {
                var text = Value();
                if (text is null) return fallback;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
                problems.Add($"{name}: '{text}' is not a whole number between {min} and {max}.");
                return fallback;
            }

            switch (name)
            {
                case "--estate": estate = Value(); break;
                case "--host": host = Value(); break;
                case "--roles":
                    roles = Value()?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    if (roles is { Count: 0 }) problems.Add("--roles: name at least one role.");
                    break;
                case "--format":
                    format = Value();
                    if (format is not null and not "table" and not "json") problems.Add($"--format: '{format}' is not 'table' or 'json'.");
                    break;
                case "--timeout-ms": timeout = Number(50, 120_000, timeout); break;
                case "--concurrency": concurrency = Number(1, 256, concurrency); break;
                default: problems.Add($"unknown argument '{name}'."); break;
            }
        }

        if (estate is null && !problems.Any(p => p.StartsWith("--estate", StringComparison.Ordinal)))
            problems.Add("--estate FILE is required: the estate file names the other hosts.");
        else if (estate is not null && !File.Exists(estate))
            problems.Add($"--estate: file '{estate}' does not exist.");

        return problems.Count > 0
            ? (null, problems)
            : (new PreflightOptions(estate!, host, roles, format == "json", timeout, concurrency), problems);
    }
}
