using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Estates;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The simulated agents. Each host enrols once with the enrolment key, as the agent program does; the tokens are kept
/// in a file beside central's data, so a second run against the same central does not enrol 50,000 agents again.
/// </summary>
public static class Fleet
{
    /// <summary>The dozen servers of the full estate, two Website hosts among them.</summary>
    public static readonly IReadOnlyList<string> Servers = FullEstate.Servers(secondWebsite: true);

    /// <summary>A whole Shopping estate with every switch on, the dozen servers and <paramref name="clients"/> client PCs.</summary>
    public static string EstateJson(int clients) => FullEstate.Json("Scale bench", FullEstate.ClientNames(clients), secondWebsite: true);

    public static async Task<IReadOnlyList<SimAgent>> EnrolAsync(HttpClient http, string tokensFile, int clients, string enrolmentKey, int parallelism = 16)
    {
        var hosts = Servers.Concat(FullEstate.ClientNames(clients)).ToList();
        var tokens = new ConcurrentDictionary<string, (string AgentId, string Token)>(StringComparer.Ordinal);
        if (File.Exists(tokensFile))
        {
            foreach (var line in await File.ReadAllLinesAsync(tokensFile))
            {
                var parts = line.Split('\t');
                if (parts.Length == 3) tokens[parts[0]] = (parts[1], parts[2]);
            }
        }

        var missing = hosts.Where(h => !tokens.ContainsKey(h)).ToList();
        if (missing.Count > 0)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var file = new StreamWriter(tokensFile, append: true);
            var gate = new Lock();
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (host, ct) =>
            {
                using var response = await http.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest(host, enrolmentKey, "bench"), ContractsJson.Options, ct);
                response.EnsureSuccessStatusCode();
                var enrolled = (await response.Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options, ct))!;
                tokens[host] = (enrolled.AgentId, enrolled.Token);
                lock (gate) file.WriteLine($"{host}\t{enrolled.AgentId}\t{enrolled.Token}");
            });
            Console.WriteLine($"enrolled {missing.Count:N0} agents in {clock.Elapsed.TotalSeconds:0.0} s ({missing.Count / clock.Elapsed.TotalSeconds:N0}/s)");
        }

        // Every client has the same plan bar its own id; the servers' plans differ. Fetch each server's and one client's.
        var plans = new ConcurrentDictionary<string, IReadOnlyList<PlannedProbe>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Servers.Append(FullEstate.ClientName(0)).Where(h => hosts.Contains(h)), async (host, ct) =>
        {
            var (agentId, token) = tokens[host];
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agents/{agentId}/plan");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            plans[host] = (await response.Content.ReadFromJsonAsync<AgentPlan>(ContractsJson.Options, ct))!.Probes;
        });

        return hosts.Select(h => new SimAgent(h, tokens[h].AgentId, tokens[h].Token, plans.TryGetValue(h, out var p) ? p : ClientPlan(plans[FullEstate.ClientName(0)], h))).ToList();
    }

    /// <summary>pc00000's plan for another client: the same probes, its loopback ones (the Tachyon agent) towards itself.</summary>
    private static IReadOnlyList<PlannedProbe> ClientPlan(IReadOnlyList<PlannedProbe> first, string host)
    {
        var model = FullEstate.ClientName(0);
        return first.Select(p => p.TargetHost != model ? p : p with
        {
            ProbeId = p.ProbeId.Replace($"/{model}/", $"/{host}/", StringComparison.Ordinal),
            TargetHost = host,
        }).ToList();
    }

    public static HttpClient Client(string url, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = new Uri(url),
        Timeout = TimeSpan.FromMinutes(5),
    };
}
