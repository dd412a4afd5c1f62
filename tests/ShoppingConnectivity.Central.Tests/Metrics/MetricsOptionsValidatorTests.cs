using Microsoft.Extensions.Configuration;
using ShoppingConnectivity.Central.Metrics;

namespace ShoppingConnectivity.Central.Tests.Metrics;

public sealed class MetricsOptionsValidatorTests
{
    [Fact]
    public void Validate_TokenInSettingsFile_FailsNamingTheKey()
    {
        var directory = Directory.CreateTempSubdirectory("sc-metrics-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "appsettings.json"),
                """{ "Central": { "Metrics": { "ScrapeToken": "0123456789abcdef0123" } } }""");
            var configuration = new ConfigurationBuilder().SetBasePath(directory.FullName).AddJsonFile("appsettings.json").Build();

            var result = new MetricsOptionsValidator(configuration).Validate(null, new MetricsOptions { ScrapeToken = "0123456789abcdef0123" });

            Assert.True(result.Failed);
            Assert.Contains("Central:Metrics:ScrapeToken is a secret and is written in settings file appsettings.json", result.FailureMessage);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Validate_EveryBadValue_ListedWithItsKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Central:Metrics:ScrapeToken"] = "short",
        }).Build();

        var result = new MetricsOptionsValidator(configuration).Validate(null,
            new MetricsOptions { ScrapeToken = "short", MaxLinkSeries = 0, RefreshSeconds = 0 });

        Assert.Contains("Central:Metrics:ScrapeToken is too short", result.FailureMessage);
        Assert.Contains("Central:Metrics:MaxLinkSeries", result.FailureMessage);
        Assert.Contains("Central:Metrics:RefreshSeconds", result.FailureMessage);
    }

    [Fact]
    public void Validate_AnonymousAndToken_AskToChooseOne()
    {
        var configuration = new ConfigurationBuilder().Build();

        var result = new MetricsOptionsValidator(configuration).Validate(null,
            new MetricsOptions { ScrapeToken = "0123456789abcdef0123", AllowAnonymous = true });

        Assert.Contains("choose one", result.FailureMessage);
    }
}
