using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Outcomes;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Agent.Preflight;

/// <summary>
/// `preflight`: for the install engineer on a new server. Probes every flow this host needs, straight from the
/// estate file (no central), prints a table and exits non-zero when any flow is closed.
/// </summary>
public static class PreflightCommand
{
    public const int AllOpen = 0;
    public const int SomeClosed = 1;
    public const int BadUsage = 2;

    public const string Usage = """
        Usage: ShoppingConnectivity.Agent preflight --estate FILE (--host NAME | --roles ROLE[,ROLE...]) [options]

        Probes every flow the host needs, as the estate file describes the other hosts, without central.
        Exit code: 0 every flow open, 1 a flow is closed or unhealthy, 2 bad usage or an invalid estate.

          --estate FILE      the estate (JSON or YAML), the same file central reads
          --host NAME        this host's name in the estate (default: the machine name, when --roles is not given)
          --roles R1,R2      the roles to check, for a host not yet in the estate (or to override its roles)
          --format FORMAT    table (default) or json
          --timeout-ms N     timeout of each probe (default 3000)
          --concurrency N    probes at once (default 8)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args.Any(a => a is "-h" or "--help" or "-?"))
        {
            await output.WriteLineAsync(Usage);
            return AllOpen;
        }

        var (options, problems) = PreflightOptions.Parse(args);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) await error.WriteLineAsync($"preflight: {problem}");
            await error.WriteLineAsync("Run 'preflight --help' for usage.");
            return BadUsage;
        }

        var catalogue = FlowCatalogue.Default;
        var loaded = EstateFile.Load(options!.EstatePath, catalogue);
        if (!loaded.Succeeded)
        {
            await error.WriteLineAsync($"preflight: the estate file {options.EstatePath} is invalid:");
            foreach (var e in loaded.Errors) await error.WriteLineAsync($"  {e}");
            return BadUsage;
        }

        var estate = loaded.Estate!;
        var (source, sourceProblem) = SourceHost(estate, catalogue, options);
        if (source is null)
        {
            await error.WriteLineAsync($"preflight: {sourceProblem}");
            return BadUsage;
        }

        var probes = PlanBuilder.ProbesFor(catalogue, estate, source, new ProbeDefaults(options.TimeoutMs, 60));
        // The same probe kinds the service runs, without its host: nothing here needs central or a data folder.
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Options.Create(new AgentOptions { MaxConcurrentProbes = options.Concurrency }))
            .AddProbes()
            .BuildServiceProvider();
        var runner = services.GetRequiredService<ProbeRunner>();
        var findings = await Task.WhenAll(probes.Select(p => runner.RunAsync(p, cancellationToken)));
        var rows = probes.Zip(findings, (p, f) => Row.Create(catalogue, catalogue.FindFlow(p.FlowId)!, source.Name, p, f)).ToList();

        var report = new Report(source.Name, source.Roles, source.Roles.Select(r => catalogue.FindRole(r)?.Name ?? r).ToList(), estate.Name, rows,
            rows.Count(r => r.Passed), rows.Count(r => !r.Passed));
        if (options.Json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, PreflightJson.Default.Report));
        }
        else
        {
            await WriteTableAsync(report, output);
        }

        return report.Failed == 0 ? AllOpen : SomeClosed;
    }

    private static (EstateHost? Host, string? Problem) SourceHost(Estate estate, FlowCatalogue catalogue, PreflightOptions options)
    {
        var name = options.HostName ?? Environment.MachineName;
        var listed = estate.FindHost(name);
        if (options.Roles is { } roles)
        {
            var unknown = roles.Where(r => catalogue.FindRole(r) is null).ToList();
            if (unknown.Count > 0)
            {
                return (null, $"--roles: unknown role(s) {string.Join(", ", unknown.Select(r => $"'{r}'"))} (known: {string.Join(", ", catalogue.Roles.Select(r => r.Id))}).");
            }

            var canonical = roles.Select(r => catalogue.FindRole(r)!.Id).Distinct(StringComparer.Ordinal).ToList();
            return (new EstateHost(listed?.Name ?? name, listed?.Address, canonical, listed?.Ports ?? new Dictionary<string, int>()), null);
        }

        if (listed is null)
        {
            return (null, $"--host: '{name}' is not a host of the estate '{estate.Name}' (hosts: {string.Join(", ", estate.Hosts.Select(h => h.Name))}); give its roles with --roles to check a new server.");
        }

        return (listed, null);
    }

    private static async Task WriteTableAsync(Report report, TextWriter output)
    {
        await output.WriteLineAsync($"Preflight of {report.Host} ({string.Join(", ", report.RoleNames)}) in estate '{report.Estate}'");
        if (report.Results.Count == 0)
        {
            await output.WriteLineAsync("This host has no flows to probe: its roles make no outbound connections the estate can check.");
            return;
        }

        string[] headers = ["Flow", "Target", "Outcome", "Latency", "Hint"];
        var cells = report.Results.Select(r => new[]
        {
            $"{r.FromName} -> {r.ToName} ({r.Kind})",
            $"{r.TargetHost}:{r.Port}",
            r.Degraded ? $"{r.Outcome} (degraded)" : r.Outcome.ToString(),
            r.LatencyMs is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-",
            r.Passed && !r.Degraded ? "" : r.Hint,
        }).ToList();
        var widths = Enumerable.Range(0, 4).Select(i => Math.Max(headers[i].Length, cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] c) => string.Join("  ", c.Take(4).Select((v, i) => v.PadRight(widths[i]))) + "  " + c[4];

        await output.WriteLineAsync(Line(headers).TrimEnd());
        await output.WriteLineAsync(Line(headers.Select(h => new string('-', h.Length)).ToArray()).TrimEnd());
        foreach (var row in cells) await output.WriteLineAsync(Line(row).TrimEnd());
        await output.WriteLineAsync();
        await output.WriteLineAsync(report.Failed == 0
            ? $"All {report.Passed} flows open."
            : $"{report.Failed} of {report.Results.Count} flows closed or unhealthy; {report.Passed} open.");
        // What the probe itself saw, for the closed and unhealthy ones (the hint says what to do, this says why), and
        // always for the rpc kind: 135 is only its first half, the detail names the dynamic RPC port of the second.
        foreach (var row in report.Results.Where(r => !r.Passed || r.Degraded || r.Kind == ProbeKinds.Rpc))
        {
            await output.WriteLineAsync($"  {(!row.Passed ? "closed" : row.Degraded ? "warning" : "open")}: {row.FromName} -> {row.TargetHost}:{row.Port}: {row.Detail}");
        }
    }

    /// <param name="Roles">Role ids, as the estate file and <c>--roles</c> spell them.</param>
    /// <param name="RoleNames">The same roles by their display names, as central shows them.</param>
    public sealed record Report(string Host, IReadOnlyList<string> Roles, IReadOnlyList<string> RoleNames, string Estate, IReadOnlyList<Row> Results, int Passed, int Failed);

    /// <param name="From">The source role's id; <paramref name="FromName"/> its display name (and the same for To).</param>
    public sealed record Row(
        string FlowId,
        string From,
        string FromName,
        string To,
        string ToName,
        string Purpose,
        string TargetHost,
        string Address,
        int Port,
        string Kind,
        ProbeOutcome Outcome,
        double? LatencyMs,
        string Detail,
        string Hint,
        bool Degraded)
    {
        /// <summary>Only a reachable flow passes; a degraded one passes with a warning (it works today).</summary>
        public bool Passed => Outcome == ProbeOutcome.Reachable;

        public static Row Create(FlowCatalogue catalogue, Flow flow, string source, PlannedProbe probe, ProbeFinding finding) => new(
            flow.Id, flow.From, catalogue.FindRole(flow.From)?.Name ?? flow.From, flow.To, catalogue.FindRole(flow.To)?.Name ?? flow.To, flow.Purpose, probe.TargetHost, probe.Address, probe.Port, probe.Kind,
            finding.Outcome, finding.LatencyMs, finding.Detail,
            Hints.For(finding.Outcome, source, probe.TargetHost, probe.Port, finding.Degraded, finding.Detail, probe.Address), finding.Degraded);
    }
}
