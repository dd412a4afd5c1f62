using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.ApiTokens;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Central.TestNow;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.ApiTokens;

/// <summary>Scripts calling the API with a token: what each role may do, and every way a token is refused.</summary>
public sealed class ApiTokenApiTests : IDisposable
{
    private const string SqlFlow = "website-shoppingdb-sql";
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public ApiTokenApiTests() => _factory = new CentralFactory(new Dictionary<string, string?>
    {
        // The alert jobs wait: the acknowledge test opens its alert itself.
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:GroupingSeconds"] = "0",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
    }, clock: _clock);

    private ApiTokenStore Store => _factory.Services.GetRequiredService<ApiTokenStore>();

    [Theory]
    [InlineData("/api/v1/edges")]
    [InlineData("/api/v1/estate")]
    [InlineData("/api/v1/catalogue")]
    [InlineData("/api/v1/agents")]
    [InlineData("/api/v1/alerts")]
    [InlineData("/api/v1/history/outages")]
    [InlineData("/api/v1/history/trend.csv")]
    public async Task ViewerToken_ReadApi_Ok(string path)
    {
        using var client = await ClientAsync(CentralRoles.Viewer);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ViewerToken_TestNow_Forbidden403()
    {
        using var client = await ClientAsync(CentralRoles.Viewer);

        var response = await client.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Viewer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorToken_TestNow_Accepted202AndAuditedAsTheToken()
    {
        using (var agentClient = _factory.CreateClient())
        {
            var agent = await AgentApi.EnrolAsync(agentClient);
            (await agentClient.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token))).EnsureSuccessStatusCode();
        }

        using var client = await ClientAsync(CentralRoles.Operator, "nightly-check");

        var response = await client.PostAsJsonAsync("/api/v1/test-now", new TestNowQuery(Edge: SqlFlow));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(await AuditAsync(), a => a.Actor == "token:nightly-check" && a.Action == "testnow");
    }

    [Fact]
    public async Task OperatorToken_AcknowledgeOpenAlert_AcknowledgedByTheTokenAndAudited()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var client = await ClientAsync(CentralRoles.Operator, "pager-bot");

        var response = await client.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new AlertAcknowledgeRequest("firewall change CHG-42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await response.Content.ReadFromJsonAsync<AlertView>(ContractsJson.Options);
        Assert.Equal(("token:pager-bot", "firewall change CHG-42"), (alert!.AcknowledgedBy, alert.AcknowledgeNote));
        Assert.True(_factory.Services.GetRequiredService<AlertEvaluator>().Board.Flows[SqlFlow].Acknowledged);
        var audit = Assert.Single(await AuditAsync(), a => a.Action == "alert.acknowledge");
        Assert.Equal(("token:pager-bot", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "firewall change CHG-42"), (audit.Actor, audit.Target, audit.Details));
    }

    [Fact]
    public async Task ViewerToken_Acknowledge_Forbidden403AndAlertStaysUnacknowledged()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var client = await ClientAsync(CentralRoles.Viewer);

        var response = await client.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new AlertAcknowledgeRequest(null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(_factory.Services.GetRequiredService<AlertEvaluator>().Board.Flows[SqlFlow].Acknowledged);
    }

    [Theory]
    [InlineData("/settings/api-tokens")]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    [InlineData("/")]
    public async Task OperatorToken_Page_NotSignedInSentToLogin(string path)
    {
        using var client = await ClientAsync(CentralRoles.Operator);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorToken_BlazorHub_Unauthorized()
    {
        using var client = await ClientAsync(CentralRoles.Operator);

        var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OperatorToken_AgentEndpoint_RefusedAsAnAgentToken()
    {
        await AgentApi.EnrolAsync(_factory.CreateClient());
        using var client = await ClientAsync(CentralRoles.Operator);

        var response = await client.GetAsync("/api/v1/agents/web01/plan");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Agent token rejected", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredToken_ReadApi_Unauthorized401SayingExpired()
    {
        using var client = await ClientAsync(CentralRoles.Viewer, days: 30);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/edges")).StatusCode);

        _clock.Advance(TimeSpan.FromDays(30));
        var response = await client.GetAsync("/api/v1/edges");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"token expired\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("token expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedToken_ReadApi_Unauthorized401AtOnce()
    {
        var (id, token) = await CreateAsync(CentralRoles.Viewer, "revoke-me");
        using var client = Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/edges")).StatusCode);

        await Store.RevokeAsync(id, "admin-user");
        var response = await client.GetAsync("/api/v1/edges");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"token revoked\"", response.Headers.WwwAuthenticate.ToString());
    }

    /// <summary>Revoked on another central node (straight in the database): this node refuses it once its cached check is older than CacheFor.</summary>
    [Fact]
    public async Task TokenRevokedElsewhere_ReadApi_Unauthorized401WithinTheCacheTime()
    {
        var (id, token) = await CreateAsync(CentralRoles.Viewer, "revoked-elsewhere");
        using var client = Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/edges")).StatusCode);
        await using (var db = await DbAsync())
        {
            await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, _clock.GetUtcNow()));
        }

        _clock.Advance(ApiTokenStore.CacheFor);
        var response = await client.GetAsync("/api/v1/edges");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("scat_")]
    [InlineData("scat_not-a-token")]
    [InlineData("scat_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task MalformedOrUnknownToken_ReadApi_Unauthorized401AndNothingStoredChanges(string token)
    {
        await CreateAsync(CentralRoles.Viewer, "bystander");
        var before = Describe(await RowsAsync());

        var response = await Client(token).GetAsync("/api/v1/edges");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"token unknown\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(before, Describe(await RowsAsync()));
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task KnownIdWrongSecret_ReadApi_Unauthorized401AndLastUseUntouched()
    {
        var (_, token) = await CreateAsync(CentralRoles.Viewer, "guessed");
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var response = await Client(forged).GetAsync("/api/v1/edges");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Assert.Single(await RowsAsync()).LastUsedAt);
    }

    [Fact]
    public async Task Create_Token_OnlyItsHashIsStoredAndNothingLogsIt()
    {
        var (_, token) = await CreateAsync(CentralRoles.Operator, "hashed");
        await Client(token).GetAsync("/api/v1/edges");
        await Client(token + "x").GetAsync("/api/v1/edges");

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), row.Hash);
        Assert.DoesNotContain(token[^43..], string.Join("|", row.Name, row.Role, row.Hash, row.CreatedBy), StringComparison.Ordinal);
        Assert.DoesNotContain(token[^43..], _factory.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsedToken_LastUse_WrittenAtMostOnceAMinute()
    {
        var (_, token) = await CreateAsync(CentralRoles.Viewer, "busy-script");
        using var client = Client(token);
        var first = _clock.GetUtcNow();

        await client.GetAsync("/api/v1/edges");
        Assert.Equal(first.UtcTicks, (await RowsAsync())[0].LastUsedAt!.Value.UtcTicks);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await client.GetAsync("/api/v1/edges");
        Assert.Equal(first.UtcTicks, (await RowsAsync())[0].LastUsedAt!.Value.UtcTicks);

        _clock.Advance(TimeSpan.FromSeconds(31));
        await client.GetAsync("/api/v1/edges");
        Assert.Equal(_clock.GetUtcNow().UtcTicks, (await RowsAsync())[0].LastUsedAt!.Value.UtcTicks);
    }

    [Fact]
    public async Task SignedInPerson_ReadApi_StillUsesTheCookie()
    {
        using var viewer = await _factory.SignInAsync(CentralRoles.Viewer);
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/edges")).StatusCode);
        var refused = await anonymous.GetAsync("/api/v1/edges");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(refused.Headers.WwwAuthenticate);
    }

    private async Task<(Guid Id, string Token)> CreateAsync(string role, string name, int days = 90)
    {
        var (view, secret, errors) = await Store.CreateAsync(name, role, _clock.GetUtcNow().AddDays(days), "admin-user");
        Assert.Empty(errors);
        return (view!.Id, secret!);
    }

    private async Task<HttpClient> ClientAsync(string role, string name = "script", int days = 90) => Client((await CreateAsync(role, name, days)).Token);

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<CentralDbContext> DbAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();

    private async Task<List<ApiTokenRecord>> RowsAsync()
    {
        await using var db = await DbAsync();
        return await db.ApiTokens.AsNoTracking().OrderBy(t => t.Name).ToListAsync();
    }

    private static List<string> Describe(List<ApiTokenRecord> rows) =>
        rows.Select(t => string.Join("|", t.Id, t.Name, t.Role, t.Hash, t.CreatedBy, t.CreatedAt.UtcTicks, t.ExpiresAt.UtcTicks, t.RevokedAt?.UtcTicks, t.RevokedBy, t.LastUsedAt?.UtcTicks)).ToList();

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync();
    }

    /// <summary>A broken link in the live state, then one evaluation: the SQL edge's alert opens. Returns its id.</summary>
    private async Task<long> BreakTheSqlEdgeAsync()
    {
        var now = _clock.GetUtcNow();
        var services = _factory.Services;
        services.GetRequiredService<LinkStreaks>().Set("web01", SqlProbe, SqlFlow, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-3), now.AddMinutes(-1), now));
        services.GetRequiredService<LiveState>().Apply([new LinkSnapshot("web01", SqlProbe, SqlFlow, "db01", 47101, ProbeOutcome.TimedOut, now.AddMinutes(-3), now, null, "no answer in 3000 ms", 60)]);
        await services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        return Assert.Single(await services.GetRequiredService<AlertHistory>().ListAsync()).Id;
    }

    public void Dispose() => _factory.Dispose();
}
