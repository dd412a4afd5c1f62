using System.Net;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Tests.Estates;

/// <summary>Downloads of the estate file and of the firewall rules. Read-only: the tests share one central.</summary>
public sealed class EstateExportApiTests(EstateExportApiTests.SharedCentral shared) : IClassFixture<EstateExportApiTests.SharedCentral>
{
    private readonly CentralFactory _factory = shared.Factory;

    [Theory]
    [InlineData("json", "estate.json", "application/json")]
    [InlineData("yaml", "estate.yaml", "application/yaml")]
    public async Task Export_Format_DownloadsAFileTheImportReadsBack(string format, string fileName, string contentType)
    {
        using var client = await _factory.SignInAsync();

        var response = await client.GetAsync($"/api/v1/estate/export?format={format}");

        response.EnsureSuccessStatusCode();
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"estate-test-estate-v1.{Path.GetExtension(fileName)[1..]}", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var parsed = EstateFile.Parse(await response.Content.ReadAsStringAsync(), fileName, FlowCatalogue.Default);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        Assert.Equal(["web01", "db01", "ae01"], parsed.Estate!.Hosts.Select(h => h.Name));
        Assert.Equal(47101, parsed.Estate.FindHost("db01")!.Ports["shoppingDbSql"]);
    }

    [Fact]
    public async Task Export_UnknownFormat_Returns400NamingIt()
    {
        using var client = await _factory.SignInAsync();

        var response = await client.GetAsync("/api/v1/estate/export?format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("format: 'xml' is not an export format (json, yaml).", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Firewall_Downloads_CsvRowsAndPowerShellRulesOfTheEstate()
    {
        using var client = await _factory.SignInAsync();

        var csv = await client.GetStringAsync("/api/v1/estate/firewall.csv");
        var script = await client.GetStringAsync("/api/v1/estate/firewall.ps1");

        Assert.StartsWith("Source,Source address,Destination,Destination address,Port,Protocol,Flow,Purpose\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\nweb01,127.0.0.1,db01,127.0.0.1,47101,TCP,website-shoppingdb-sql,", csv, StringComparison.Ordinal);
        Assert.Contains("New-NetFirewallRule -Group $group -DisplayName 'Shopping website-shoppingdb-sql: out to db01 TCP 47101'", script, StringComparison.Ordinal);
        Assert.Contains("if (Test-ShoppingHost 'db01')", script, StringComparison.Ordinal);
    }

    public sealed class SharedCentral : IDisposable
    {
        public CentralFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}
