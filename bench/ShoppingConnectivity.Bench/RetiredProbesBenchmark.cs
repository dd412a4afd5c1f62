using System.Diagnostics;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Bench;

/// <summary>
/// Times what central does once per estate change when a batch holds a probe outside the agent's current plan
/// (AgentProbes, issue 15): diffing every host's plan before and after the change (<see cref="RetiredProbes.Record"/>),
/// and, for the first such batch after a start, parsing a stored estate version. The change: one of the two domain
/// controllers leaves, so every client and every server probing it loses its probes of it.
/// </summary>
public static class RetiredProbesBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var clients = args.Length > 1 && args[0] == "--clients" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        var catalogue = FlowCatalogue.Default;
        var before = Estate(catalogue, clients, dcs: 2);
        var after = Estate(catalogue, clients, dcs: 1);
        var json = EstateFile.ToJson(before);
        Console.WriteLine($"{before.Hosts.Count:N0} hosts; estate document {json.Length / 1024.0 / 1024.0:N1} MiB");

        var record = new List<double>();
        var parse = new List<double>();
        var retiredCount = 0;
        var held = 0L;
        for (var run = 0; run < 6; run++)
        {
            var watch = Stopwatch.StartNew();
            var parsed = EstateFile.Parse(json, "estate.json", catalogue);
            if (!parsed.Succeeded) throw new InvalidOperationException(string.Join(" ", parsed.Errors));
            parse.Add(watch.Elapsed.TotalMilliseconds);

            var retired = new RetiredProbes();
            GC.Collect();
            var memory = GC.GetTotalMemory(forceFullCollection: true);
            watch.Restart();
            retiredCount = retired.Record(catalogue, before, after, DateTimeOffset.UtcNow);
            record.Add(watch.Elapsed.TotalMilliseconds);
            held = GC.GetTotalMemory(forceFullCollection: true) - memory;
            GC.KeepAlive(retired);
        }

        // The first run pays the JIT and the estates' host indexes: left out.
        Console.WriteLine($"parse one stored version: median {Median(parse):0} ms; diff the plans of every host: median {Median(record):0} ms (5 runs)");
        Console.WriteLine($"{retiredCount:N0} probes left a plan, held in {held / 1024.0 / 1024.0:N1} MiB");
        return Task.FromResult(0);
    }

    private static double Median(List<double> times)
    {
        var sorted = times.Skip(1).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static Estate Estate(FlowCatalogue catalogue, int clients, int dcs)
    {
        var servers = new (string Name, string Role)[]
        {
            ("web01", "Website+CentralService"), ("web02", "Website+CentralService"), ("recv01", "Receiver"), ("admin01", "AdminConsole"),
            ("sql01", "ShoppingDb"), ("cm01", "ConfigMgrDb"), ("sms01", "SmsProvider"), ("smtp01", "SmtpGateway"), ("pop01", "Pop3Server"),
            ("ae01", "ActiveEfficiency"), ("ac01", "AppClarity"), ("tach01", "TachyonAgent"),
        };
        var hosts = servers.Select(s => Host(s.Name, s.Role))
            .Concat(Enumerable.Range(1, dcs).Select(i => Host($"dc{i:D2}", "DomainController")))
            .Concat(Enumerable.Range(0, clients).Select(i => Host($"pc{i:D5}", "Client")))
            .ToList();
        return ShoppingConnectivity.Core.Estates.Estate.Empty(catalogue) with { Name = "bench", Hosts = hosts };
    }

    private static EstateHost Host(string name, string roles) =>
        new(name, null, roles.Split('+'), new Dictionary<string, int>());
}
