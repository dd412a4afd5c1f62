using System.Net;
using System.Text.Json;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Central.Tests.Estates;

/// <summary>The estate file edited while central runs: plans change without a restart; a bad edit changes nothing.</summary>
public sealed class EstateReloadTests : IDisposable
{
    private const string OldSqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task EstateFile_Edited_PlanGetsNewVersionAndOldLinksAreDropped()
    {
        using var client = await _factory.SignInAsync();
        var agent = await AgentApi.EnrolAsync(client);
        var (etag, _) = await PlanAsync(client, agent, null);
        (await AgentApi.PostResultsAsync(client, agent,
            new ResultBatch(Guid.NewGuid(), [AgentApi.Result(OldSqlProbe, ProbeOutcome.Refused)]))).EnsureSuccessStatusCode();
        Assert.Equal(1, await EdgeLinksAsync(client, "website-shoppingdb-sql"));

        await File.WriteAllTextAsync(_factory.EstatePath, CentralFactory.EstateJson.Replace("47101", "47102", StringComparison.Ordinal));

        var (newEtag, plan) = await WhenAsync(async () => await PlanAsync(client, agent, etag), p => p.Plan is not null);
        Assert.NotEqual(etag, newEtag);
        Assert.Contains(plan!.Probes, p => p.ProbeId == "website-shoppingdb-sql/db01/47102");
        Assert.DoesNotContain(plan.Probes, p => p.ProbeId == OldSqlProbe);
        await WhenAsync(() => EdgeLinksAsync(client, "website-shoppingdb-sql"), links => links == 0);
    }

    [Fact]
    public async Task EstateFile_EditedInvalid_KeepsTheEstateInForceAndReportsTheErrors()
    {
        using var client = await _factory.SignInAsync();
        var agent = await AgentApi.EnrolAsync(client);
        var (etag, _) = await PlanAsync(client, agent, null);

        await File.WriteAllTextAsync(_factory.EstatePath, CentralFactory.EstateJson.Replace("\"ShoppingDb\"", "\"SqlServer\"", StringComparison.Ordinal));

        var errors = await WhenAsync(async () =>
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/estate"));
            return doc.RootElement.GetProperty("lastReloadErrors").EnumerateArray().Select(e => e.GetString()!).ToList();
        }, e => e.Count > 0);
        Assert.Contains(errors, e => e.Contains("hosts[1] (db01).roles[0]: unknown role 'SqlServer'", StringComparison.Ordinal));
        var (sameEtag, unchanged) = await PlanAsync(client, agent, etag);
        Assert.Equal(etag, sameEtag);
        Assert.Null(unchanged); // 304: the plan in force did not change
    }

    [Fact]
    public async Task EstateFile_SwitchTurnedOn_EdgeOfTheConditionalFlowIsNoLongerOff()
    {
        using var client = await _factory.SignInAsync();
        Assert.Equal("Off", await EdgeColourAsync(client, "central-appclarity"));

        await File.WriteAllTextAsync(_factory.EstatePath, CentralFactory.EstateJson.Replace(
            "\"name\": \"Test estate\",", "\"name\": \"Test estate\", \"switches\": { \"appClarity\": true },", StringComparison.Ordinal));

        // Switched on, but the test estate has no AppClarity host: the edge says so rather than waiting for data.
        await WhenAsync(() => EdgeColourAsync(client, "central-appclarity"), c => c == "Absent");
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<(string? ETag, AgentPlan? Plan)> PlanAsync(HttpClient client, EnrolmentResponse agent, string? etag)
    {
        var request = AgentApi.Authorised(HttpMethod.Get, $"/api/v1/agents/{agent.AgentId}/plan", agent.Token);
        if (etag is not null) request.Headers.IfNoneMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag));
        var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotModified) return (response.Headers.ETag?.ToString(), null);
        response.EnsureSuccessStatusCode();
        var plan = JsonSerializer.Deserialize<AgentPlan>(await response.Content.ReadAsStringAsync(), ContractsJson.Options);
        return (response.Headers.ETag?.ToString(), plan);
    }

    private static async Task<int> EdgeLinksAsync(HttpClient client, string flowId)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("flowId").GetString() == flowId).GetProperty("links").GetInt32();
    }

    private static async Task<string?> EdgeColourAsync(HttpClient client, string flowId)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/edges"));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("flowId").GetString() == flowId).GetProperty("colour").GetString();
    }

    /// <summary>The file watcher reacts within a second or so: the value <paramref name="read"/> gives once it is <paramref name="done"/>, within 10 s.</summary>
    private static async Task<T> WhenAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        await Eventually.AssertAsync(async () => done(value = await read()), TimeSpan.FromSeconds(10), () => $"still {value}.");
        return value;
    }
}
