using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Many agents at once without their processes: each host enrols with the enrolment key, fetches its plan and posts
/// results through the agent API, exactly as the agent program does, so thousands of links appear in seconds.
/// </summary>
public sealed class AgentFleet(Central central, HttpClient? http = null)
{
    private readonly HttpClient _http = http ?? central.Http;

    private readonly Dictionary<string, (EnrolmentResponse Agent, AgentPlan Plan)> _agents = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, (EnrolmentResponse Agent, AgentPlan Plan)> Agents => _agents;

    public async Task EnrolAsync(IEnumerable<string> hosts, int parallelism = 8)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, (EnrolmentResponse, AgentPlan)>();
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (host, ct) =>
        {
            var enrol = await _http.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest(host, Central.EnrolmentKey, "fleet"), ContractsJson.Options, ct);
            enrol.EnsureSuccessStatusCode();
            var agent = (await enrol.Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options, ct))!;
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agents/{agent.AgentId}/plan");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            using var response = await _http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            results[host] = (agent, (await response.Content.ReadFromJsonAsync<AgentPlan>(ContractsJson.Options, ct))!);
        });
        foreach (var (host, value) in results) _agents[host] = value;
    }

    /// <summary>Posts one result for every probe of <paramref name="host"/>, outcome chosen per probe.</summary>
    public Task<HttpResponseMessage> ReportAsync(string host, Func<PlannedProbe, ProbeOutcome> outcome, DateTimeOffset? at = null)
    {
        var (agent, plan) = _agents[host];
        var when = at ?? DateTimeOffset.UtcNow;
        var results = plan.Probes.Select(p =>
        {
            var o = outcome(p);
            return new ProbeResultDto(p.ProbeId, p.FlowId, o, o == ProbeOutcome.Reachable ? 3.2 : null,
                o == ProbeOutcome.Reachable ? "connected" : $"{o} after {p.TimeoutMs} ms", when);
        }).ToList();
        return PostAsync(agent, results);
    }

    public async Task<HttpResponseMessage> PostAsync(EnrolmentResponse agent, IReadOnlyList<ProbeResultDto> results)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{agent.AgentId}/results")
        {
            Content = JsonContent.Create(new ResultBatch(Guid.NewGuid(), results), options: ContractsJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
        var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"POST results for {agent.AgentId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Every host reports every probe, in parallel.</summary>
    public Task ReportAllAsync(Func<string, PlannedProbe, ProbeOutcome> outcome, int parallelism = 8) =>
        Parallel.ForEachAsync(_agents.Where(a => a.Value.Plan.Probes.Count > 0).Select(a => a.Key).ToList(), new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (host, _) => (await ReportAsync(host, p => outcome(host, p))).Dispose());
}
