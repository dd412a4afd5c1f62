using System.Net.Http.Headers;
using System.Net.Http.Json;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>Agent-side calls made by the tests, the way a real agent makes them.</summary>
public static class AgentApi
{
    public static async Task<EnrolmentResponse> EnrolAsync(HttpClient client, string host = "web01", IReadOnlyList<string>? roles = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest(host, CentralFactory.EnrolmentKey, "test", roles));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options))!;
    }

    public static HttpRequestMessage Authorised(HttpMethod method, string url, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static Task<HttpResponseMessage> PostResultsAsync(HttpClient client, EnrolmentResponse agent, ResultBatch batch) =>
        client.SendAsync(Authorised(HttpMethod.Post, $"/api/v1/agents/{agent.AgentId}/results", agent.Token,
            JsonContent.Create(batch, options: ContractsJson.Options)));

    public static ProbeResultDto Result(string probeId, ProbeOutcome outcome, DateTimeOffset? at = null) =>
        new(probeId, probeId[..probeId.IndexOf('/')], outcome, outcome == ProbeOutcome.Reachable ? 1.5 : null, "test", at ?? DateTimeOffset.UtcNow);
}
