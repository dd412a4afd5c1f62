using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>Enrolment keys made and revoked in the UI, beside the bootstrap key from the settings.</summary>
public sealed class EnrolmentKeyTests : IDisposable
{
    private readonly CentralFactory _factory = new(new Dictionary<string, string?> { ["Central:EnrolmentKey"] = "" });

    [Fact]
    public async Task Create_Key_StoresOnlyItsHashAndAgentsEnrolWithIt()
    {
        using var client = _factory.CreateClient();
        var (key, secret, errors) = await Keys.CreateAsync("  site A rollout ", null);
        Assert.Empty(errors);
        Assert.StartsWith(EnrolmentKeys.Prefix, secret, StringComparison.Ordinal);

        var response = await EnrolAsync(client, "web01", secret!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await WithDbAsync(db => db.EnrolmentKeys.SingleAsync());
        Assert.Equal("site A rollout", stored.Name);
        Assert.Equal(AgentTokens.Hash(secret!), stored.Hash);
        Assert.DoesNotContain(secret!, await DatabaseTextAsync(), StringComparison.Ordinal);
        var listed = Assert.Single(await Keys.ListAsync());
        Assert.Equal((key!.Id, EnrolmentKeyStatus.Active, 1), (listed.Id, listed.Status, listed.Enrolments));
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task Revoke_Key_StopsNewEnrolmentsButEnrolledAgentsKeepTheirTokens()
    {
        using var client = _factory.CreateClient();
        var (key, secret, _) = await Keys.CreateAsync("temporary", null);
        var enrolled = await (await EnrolAsync(client, "web01", secret!)).Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options);

        Assert.True(await Keys.RevokeAsync(key!.Id));
        var refused = await EnrolAsync(client, "db01", secret!);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Enrolment key rejected.", problem.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("The enrolment key was revoked on", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await WithDbAsync(db => db.Agents.CountAsync()));
        var plan = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, $"/api/v1/agents/{enrolled!.AgentId}/plan", enrolled.Token));
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal(EnrolmentKeyStatus.Revoked, Assert.Single(await Keys.ListAsync()).Status);
        Assert.False(await Keys.RevokeAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Enrol_NoKeyAtAll_IsOffUntilAKeyIsCreated()
    {
        using var client = _factory.CreateClient();

        var off = await EnrolAsync(client, "web01", "some-key-nobody-made");
        Assert.Equal(HttpStatusCode.Forbidden, off.StatusCode);
        Assert.Contains("Enrolment keys page", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (_, secret, _) = await Keys.CreateAsync("first", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await EnrolAsync(client, "web01", "some-key-nobody-made")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(client, "web01", secret!)).StatusCode);
    }

    [Fact]
    public async Task Enrol_BootstrapKeyFromSettings_KeepsWorkingBesideStoredKeys()
    {
        using var factory = new CentralFactory();
        using var client = factory.CreateClient();
        var keys = factory.Services.GetRequiredService<EnrolmentKeys>();
        var (key, secret, _) = await keys.CreateAsync("ui key", null);
        await keys.RevokeAsync(key!.Id);

        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(client, "web01", CentralFactory.EnrolmentKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await EnrolAsync(client, "db01", secret!)).StatusCode);
    }

    [Fact]
    public async Task Enrol_ExpiredKey_IsRefusedSayingWhen()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:EnrolmentKey"] = "" }, clock: clock);
        using var client = factory.CreateClient();
        var keys = factory.Services.GetRequiredService<EnrolmentKeys>();
        var (_, secret, _) = await keys.CreateAsync("one day", clock.GetUtcNow().AddDays(1));
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(client, "web01", secret!)).StatusCode);

        clock.Advance(TimeSpan.FromDays(1));
        var refused = await EnrolAsync(client, "db01", secret!);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("The enrolment key expired on", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(EnrolmentKeyStatus.Expired, Assert.Single(await keys.ListAsync()).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await EnrolAsync(client, "db01", "a-key-nobody-ever-made")).StatusCode); // no active key: off
    }

    [Fact]
    public async Task Create_WithoutNameOrWithPastExpiry_ListsBothProblems()
    {
        using var client = _factory.CreateClient();

        var (key, secret, errors) = await Keys.CreateAsync(" ", DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Null(key);
        Assert.Null(secret);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("name:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("expiresAt:", errors[1], StringComparison.Ordinal);
        Assert.Empty(await Keys.ListAsync());
    }

    public void Dispose() => _factory.Dispose();

    private EnrolmentKeys Keys => _factory.Services.GetRequiredService<EnrolmentKeys>();

    private static Task<HttpResponseMessage> EnrolAsync(HttpClient client, string host, string key) =>
        client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest(host, key, "test"));

    private async Task<T> WithDbAsync<T>(Func<CentralDbContext, Task<T>> query)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Every text value of the key table, to show the key itself is nowhere in it.</summary>
    private Task<string> DatabaseTextAsync() => WithDbAsync(async db =>
        string.Join("|", (await db.EnrolmentKeys.AsNoTracking().ToListAsync()).Select(k => $"{k.Id}|{k.Name}|{k.Hash}")));
}
