using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Hosting;

public sealed class CentralStartupTests
{
    [Fact]
    public void Start_WithBadSettings_FailsListingEveryKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:ProbeIntervalSeconds"] = "0",
            ["Central:ClientBrokenShare"] = "1.5",
            ["Central:EnrolmentKey"] = "short",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:ProbeIntervalSeconds", error.Message);
        Assert.Contains("Central:ClientBrokenShare", error.Message);
        Assert.Contains("Central:EnrolmentKey", error.Message);
    }

    [Theory]
    [InlineData("development-only-enrolment-key")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abcabcabcabcabcabcabcabcabcabcabcabc1234")]
    public void Start_WithAGuessableBootstrapKey_FailsNamingTheSetting(string key)
    {
        using var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:EnrolmentKey"] = key });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:EnrolmentKey is too weak", error.Message);
        Assert.DoesNotContain(key, error.Message);
    }

    [Fact]
    public void Start_PostgreSqlWithoutConnectionString_FailsNamingTheKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Central"] = "",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("ConnectionStrings:Central is required when Central:Database:Provider is PostgreSql", error.Message);
    }

    [Fact]
    public void Start_UnknownDatabaseProviderOrBadConnectionString_FailsNamingEachKey()
    {
        using var unknown = new CentralFactory(new Dictionary<string, string?> { ["Central:Database:Provider"] = "Oracle" });
        using var noHost = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Database:Provider"] = "postgresql",
            ["ConnectionStrings:Central"] = "Database=central;Username=central",
        });

        Assert.Contains("Central:Database:Provider must be Sqlite or PostgreSql (is 'Oracle')", Assert.Throws<OptionsValidationException>(() => unknown.CreateClient()).Message);
        Assert.Contains("ConnectionStrings:Central names no Host", Assert.Throws<OptionsValidationException>(() => noHost.CreateClient()).Message);
    }

    [Fact]
    public void Start_WithBadThresholdsAndBlameRules_FailsNamingEachKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:ClientAmberShare"] = "0.1",
            ["Central:ServerBrokenShare"] = "-0.5",
            ["Central:Blame:MinSources"] = "1",
            ["Central:Blame:Share"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:ClientAmberShare (0.1) must be below Central:ClientBrokenShare (0.05)", error.Message);
        Assert.Contains("Central:ServerBrokenShare must be between 0", error.Message);
        Assert.Contains("Central:Blame:MinSources must be between 2", error.Message);
        Assert.Contains("Central:Blame:Share must be above 0", error.Message);
    }

    [Fact]
    public void Start_WithBadFlowSettings_FailsNamingEachFlowKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Flows:no-such-flow:TimeoutMs"] = "1000",
            ["Central:Flows:website-dc-ldap:TimeoutMs"] = "10",
            ["Central:Flows:website-shoppingdb-sql:IntervalSeconds"] = "2",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Flows:no-such-flow: unknown flow 'no-such-flow'", error.Message);
        Assert.Contains("Central:Flows:website-dc-ldap:TimeoutMs must be between 50 and 120000", error.Message);
        Assert.Contains("Central:Flows:website-shoppingdb-sql: the timeout (3000 ms) must be shorter than the interval (2 s)", error.Message);
    }

    [Fact]
    public async Task Plan_WithFlowSettings_GivesThatFlowItsTimeoutAndInterval()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Flows:website-shoppingdb-sql:TimeoutMs"] = "1500",
            ["Central:Flows:website-shoppingdb-sql:IntervalSeconds"] = "300",
        });
        using var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        var response = await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, $"/api/v1/agents/{agent.AgentId}/plan", agent.Token));
        var plan = System.Text.Json.JsonSerializer.Deserialize<ShoppingConnectivity.Contracts.AgentPlan>(
            await response.Content.ReadAsStringAsync(), ShoppingConnectivity.Contracts.ContractsJson.Options)!;

        var sql = Assert.Single(plan.Probes, p => p.FlowId == "website-shoppingdb-sql");
        Assert.Equal((1500, 300), (sql.TimeoutMs, sql.IntervalSeconds));
        Assert.All(plan.Probes.Where(p => p.FlowId != "website-shoppingdb-sql"), p => Assert.Equal((3000, 60), (p.TimeoutMs, p.IntervalSeconds)));
    }

    [Fact]
    public void Start_WithInvalidEstate_FailsNamingFieldAndHost()
    {
        using var factory = new CentralFactory(estateJson: """
            { "name": "Broken", "hosts": [ { "name": "sql01", "roles": ["SqlServer"] } ] }
            """);

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("hosts[0] (sql01).roles[0]", error.Message);
        Assert.Contains("SqlServer", error.Message);
    }

    [Fact]
    public void Start_WithMissingEstateFile_FailsNamingTheSetting()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:EstatePath"] = "/nonexistent/estate.json" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:EstatePath", error.Message);
    }

    [Fact]
    public async Task Start_OnEmptyDataFolder_CreatesAndMigratesDatabase()
    {
        using var factory = new CentralFactory();
        using var client = factory.CreateClient();

        var health = await client.GetStringAsync("/healthz");

        Assert.Equal("Healthy", health);
        if (factory.DatabaseName is null)
        {
            Assert.True(File.Exists(Path.Combine(factory.Directory, "data", "shopping-connectivity.db")));
        }

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }
}
