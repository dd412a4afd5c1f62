using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests;

public sealed class StartupTests
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
        Assert.True(File.Exists(Path.Combine(factory.Directory, "data", "shopping-connectivity.db")));
    }
}
