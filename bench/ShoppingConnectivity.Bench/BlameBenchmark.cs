using System.Diagnostics;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Bench;

/// <summary>
/// Times BlameLocator over the client links of a big estate, as LiveState computes blame for the dashboards: every
/// client probes the website, its loopback Tachyon agent, three DCs (LDAP and LDAPS), SMTP and POP3. Two estates:
/// healthy (nothing fails, the usual case), and troubled (dc01 fails from 40 % of the clients, under the share, so
/// each of them is a suspect source; dc02 from 60 %, a suspect target; one client in 500 blocked from the website;
/// one in 50 with its loopback refused).
/// </summary>
public static class BlameBenchmark
{
    private static readonly (string Flow, string[] Targets)[] ClientFlows =
    [
        ("client-website-http", ["web01"]), ("client-tachyon-http", ["self"]), ("client-dc-ldap", ["dc01", "dc02", "dc03"]),
        ("client-dc-ldaps", ["dc01", "dc02", "dc03"]), ("client-smtp", ["smtp01"]), ("client-pop3", ["pop01"]),
    ];

    public static Task<int> RunAsync(string[] args)
    {
        var clients = args.Length > 1 && args[0] == "--clients" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        var catalogue = FlowCatalogue.Default;
        var now = DateTimeOffset.UtcNow;
        var healthy = Estate(catalogue, clients, now, (_, _, _) => ProbeOutcome.Reachable);
        var troubled = Estate(catalogue, clients, now, (i, flow, target) =>
            target == "dc01" && i % 10 < 4 ? ProbeOutcome.TimedOut
            : target == "dc02" && i % 10 < 6 ? ProbeOutcome.TimedOut
            : target == "web01" && i % 500 == 7 ? ProbeOutcome.Refused
            : flow == "client-tachyon-http" && i % 50 == 3 ? ProbeOutcome.Refused
            : ProbeOutcome.Reachable);
        Console.WriteLine($"{clients:N0} clients, {healthy.Count:N0} links");
        foreach (var (name, links) in new[] { ("healthy", healthy), ("troubled", troubled) })
        {
            BlameLocator.Locate(catalogue, links, _ => true, now, EdgeThresholds.Default, BlameRules.Default); // warm-up
            var times = new List<double>();
            var marks = 0;
            for (var run = 0; run < 7; run++)
            {
                var watch = Stopwatch.StartNew();
                marks = BlameLocator.Locate(catalogue, links, _ => true, now, EdgeThresholds.Default, BlameRules.Default).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{name}: median {times[3]:0} ms, min {times[0]:0} ms over 7 runs; {marks:N0} marks");
        }

        return Task.FromResult(0);
    }

    private static List<LinkSnapshot> Estate(FlowCatalogue catalogue, int clients, DateTimeOffset now, Func<int, string, string, ProbeOutcome> outcome)
    {
        var links = new List<LinkSnapshot>(clients * 13);
        for (var i = 0; i < clients; i++)
        {
            var pc = $"pc{i:D5}";
            foreach (var (flow, targets) in ClientFlows)
            {
                var port = catalogue.FindFlow(flow)!.Ports[0];
                foreach (var t in targets)
                {
                    var target = t == "self" ? pc : t;
                    links.Add(new LinkSnapshot(pc, $"{flow}/{target}/{port}", flow, target, port, outcome(i, flow, target), now, now, null, null, 60));
                }
            }
        }

        return links;
    }
}
