using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>
/// Agent tokens are checked from memory, every cached agent read again in one query at least every
/// <see cref="AgentTokenCache.CacheFor"/>: a revoke or re-key on this node holds at once, one made by another central
/// node (here: the row changed in the database behind this node's back) within <see cref="AgentTokenCache.CacheFor"/>,
/// and a new token works at once.
/// </summary>
public sealed class AgentTokenCacheTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public AgentTokenCacheTests() => _factory = new CentralFactory(clock: _clock);

    [Fact]
    public async Task RevokeOnAnotherNode_TokenRefusedOnceTheCacheTimeHasPassed()
    {
        var client = _factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, web.Token)).StatusCode);

        await ChangeRowAsync(s => s.SetProperty(a => a.TokenHash, "").SetProperty(a => a.RevokedAt, _clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, (await Plan(client, web.Token)).StatusCode); // cached: this node has not heard yet
        _clock.Advance(AgentTokenCache.CacheFor);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Plan(client, web.Token)).StatusCode);
    }

    [Fact]
    public async Task RevokeOnThisNode_TokenRefusedAtOnce()
    {
        var client = _factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, web.Token)).StatusCode);

        Assert.True(await _factory.Services.GetRequiredService<AgentDirectory>().RevokeAsync("web01", "admin"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Plan(client, web.Token)).StatusCode);
    }

    [Fact]
    public async Task ReKeyOnThisNode_OldTokenRefusedAndNewOneTakenAtOnce()
    {
        var client = _factory.CreateClient();
        var first = await AgentApi.EnrolAsync(client, "web01");
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, first.Token)).StatusCode);

        // The agent proves itself with its current token and gets a new one.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agents/enrol")
        {
            Content = JsonContent.Create(new EnrolmentRequest("web01", CentralFactory.EnrolmentKey, "test"), options: ContractsJson.Options),
        };
        request.Headers.Authorization = new("Bearer", first.Token);
        var second = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Plan(client, first.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, second!.Token)).StatusCode);
    }

    [Fact]
    public async Task TokenIssuedOnAnotherNode_TakenAtOnce()
    {
        var client = _factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, web.Token)).StatusCode);

        var token = AgentTokens.NewToken();
        await ChangeRowAsync(s => s.SetProperty(a => a.TokenHash, AgentTokens.Hash(token)));

        Assert.Equal(HttpStatusCode.OK, (await Plan(client, token)).StatusCode);
    }

    [Fact]
    public async Task FindActive_AgentsPostingLessOftenThanTheCacheTime_OneReadForAllOfThemNotOnePerRequest()
    {
        var client = _factory.CreateClient();
        var agents = new List<(string Id, string Token)>();
        foreach (var host in new[] { "web01", "db01", "ae01" })
        {
            var enrolled = await AgentApi.EnrolAsync(client, host);
            agents.Add((host, enrolled.Token));
            Assert.Equal(HttpStatusCode.OK, (await Plan(client, enrolled.Token, host)).StatusCode);
        }

        var cache = _factory.Services.GetRequiredService<AgentTokenCache>();
        for (var round = 0; round < 3; round++)
        {
            // Agents that push every 30 s: each finds the cache due, and they all share one read.
            _clock.Advance(TimeSpan.FromSeconds(30));
            var before = cache.DatabaseReads;
            foreach (var (id, token) in agents) Assert.Equal(HttpStatusCode.OK, (await Plan(client, token, id)).StatusCode);
            Assert.Equal(1, cache.DatabaseReads - before);
        }
    }

    [Fact]
    public async Task FindActive_AgentDeletedOnAnotherNode_RefusedOnceTheCacheTimeHasPassed()
    {
        var client = _factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, web.Token)).StatusCode);
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Agents.Where(a => a.Id == "web01").ExecuteDeleteAsync());
        }

        _clock.Advance(AgentTokenCache.CacheFor);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Plan(client, web.Token)).StatusCode);
        Assert.Equal(0, _factory.Services.GetRequiredService<AgentTokenCache>().Count);
    }

    [Fact]
    public async Task Revalidate_AgentSilentLongerThanDropUnusedAfter_DroppedNotReadAgain()
    {
        var client = _factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        var db = await AgentApi.EnrolAsync(client, "db01");
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, web.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, db.Token, "db01")).StatusCode);
        var cache = _factory.Services.GetRequiredService<AgentTokenCache>();

        // db01 keeps posting every 5 minutes; web01 falls silent.
        for (var elapsed = TimeSpan.Zero; elapsed <= AgentTokenCache.DropUnusedAfter; elapsed += TimeSpan.FromMinutes(5))
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(HttpStatusCode.OK, (await Plan(client, db.Token, "db01")).StatusCode);
        }

        Assert.Equal(1, cache.Count);
        Assert.Equal(HttpStatusCode.OK, (await Plan(client, web.Token)).StatusCode); // back: read alone, as a new one
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task Revalidate_OnlyLastSeenChanged_HeldRecordKept()
    {
        var (cache, hash, held) = await EnrolAndFindAsync();

        await ChangeRowAsync(s => s.SetProperty(a => a.LastSeenAt, _clock.GetUtcNow()));
        _clock.Advance(AgentTokenCache.CacheFor);
        var reads = cache.DatabaseReads;
        var again = await cache.FindActiveAsync("web01", hash, CancellationToken.None);

        Assert.Equal(1, cache.DatabaseReads - reads); // read again, and found as held
        Assert.Same(held, again);
    }

    [Fact]
    public async Task Revalidate_VersionChangedOnAnotherNode_NewRecordTaken()
    {
        var (cache, hash, held) = await EnrolAndFindAsync();

        await ChangeRowAsync(s => s.SetProperty(a => a.Version, "9.9.9"));
        _clock.Advance(AgentTokenCache.CacheFor);
        var again = await cache.FindActiveAsync("web01", hash, CancellationToken.None);

        Assert.NotSame(held, again);
        Assert.Equal("9.9.9", again!.Version);
    }

    /// <summary>
    /// Guards the hand-written comparison: a field added to <see cref="AgentRecord"/> later must count for the standing,
    /// or a change of it on another node would never reach this node's cache.
    /// </summary>
    [Fact]
    public void SameStanding_AnyFieldButLastSeenChanged_NotTheSame()
    {
        var held = new AgentRecord
        {
            Id = "web01", HostName = "web01", TokenHash = "abc", Version = "1.0", ReportedRoles = "Website",
            EnrolledAt = DateTimeOffset.UnixEpoch, LastSeenAt = DateTimeOffset.UnixEpoch, RevokedAt = null, RevokedBy = null,
        };

        foreach (var property in typeof(AgentRecord).GetProperties())
        {
            var stored = Copy(held);
            var current = property.GetValue(held);
            property.SetValue(stored, property.PropertyType == typeof(string) ? current + "-changed"
                : current is DateTimeOffset at ? at.AddSeconds(1) : (object)DateTimeOffset.UnixEpoch.AddDays(1));

            Assert.True(AgentTokenCache.SameStanding(held, stored) == (property.Name == nameof(AgentRecord.LastSeenAt)), property.Name);
        }

        static AgentRecord Copy(AgentRecord a) => new()
        {
            Id = a.Id, HostName = a.HostName, TokenHash = a.TokenHash, Version = a.Version, ReportedRoles = a.ReportedRoles,
            EnrolledAt = a.EnrolledAt, LastSeenAt = a.LastSeenAt, RevokedAt = a.RevokedAt, RevokedBy = a.RevokedBy,
        };
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>web01 enrolled and found once: the cache, its token's hash and the record the cache now holds.</summary>
    private async Task<(AgentTokenCache Cache, string Hash, AgentRecord? Held)> EnrolAndFindAsync()
    {
        var web = await AgentApi.EnrolAsync(_factory.CreateClient(), "web01");
        var cache = _factory.Services.GetRequiredService<AgentTokenCache>();
        var hash = AgentTokens.Hash(web.Token);
        return (cache, hash, await cache.FindActiveAsync("web01", hash, CancellationToken.None));
    }

    private async Task ChangeRowAsync(Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AgentRecord>> change)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Agents.Where(a => a.Id == "web01").ExecuteUpdateAsync(change));
    }

    private static Task<HttpResponseMessage> Plan(HttpClient client, string token, string agentId = "web01")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agents/{agentId}/plan");
        request.Headers.Authorization = new("Bearer", token);
        return client.SendAsync(request);
    }
}
