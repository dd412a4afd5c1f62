using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

/// <summary>Export in both formats reads back to the same estate.</summary>
public class EstateExportTests
{
    private const string Json = """
        {
          "name": "Contoso: 'lab' #1",
          "switches": { "rbac": true },
          "ports": { "websiteHttp": 8080 },
          "rpcDynamicPorts": "10000-20000",
          "hosts": [
            { "name": "app01", "address": "10.0.0.5", "roles": ["Website", "CentralService"] },
            { "name": "sql01", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": 14330 } },
            { "name": "cm01", "roles": ["SmsProvider"], "rpcDynamicPorts": "5000-5100" }
          ]
        }
        """;

    private static Estate Estate() => EstateFile.Parse(Json, "estate.json", FlowCatalogue.Default).Estate!;

    [Fact]
    public void ToYaml_ParsedBack_GivesTheSameEstate()
    {
        var yaml = EstateFile.ToYaml(Estate());

        var again = EstateFile.Parse(yaml, "estate.yaml", FlowCatalogue.Default);

        Assert.True(again.Succeeded, string.Join("\n", again.Errors));
        Assert.Equal(EstateFile.ToJson(Estate()), EstateFile.ToJson(again.Estate!));
        Assert.Contains("shoppingDbSql: 14330", yaml, StringComparison.Ordinal);
        Assert.Contains("rpcDynamicPorts: 10000-20000", yaml, StringComparison.Ordinal);
        Assert.Contains("rpcDynamicPorts: 5000-5100", yaml, StringComparison.Ordinal);
        Assert.Equal(new RpcPortRange(5000, 5100), again.Estate!.FindHost("cm01")!.RpcDynamicPorts);
        Assert.DoesNotContain("address: ", yaml.Split("name: sql01")[1], StringComparison.Ordinal); // no null written
    }

    [Fact]
    public void ToJson_HostWithoutAddress_WritesNoNull()
    {
        var json = EstateFile.ToJson(Estate());

        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.True(EstateFile.Parse(json, "estate.json", FlowCatalogue.Default).Succeeded);
    }

    [Fact]
    public void ToJson_RpcDynamicPorts_WrittenAsTheRangeTextOnlyWhereSet()
    {
        var json = EstateFile.ToJson(Estate());

        Assert.Contains("\"rpcDynamicPorts\": \"10000-20000\"", json, StringComparison.Ordinal);
        Assert.Contains("\"rpcDynamicPorts\": \"5000-5100\"", json, StringComparison.Ordinal);
        Assert.Equal(2, json.Split("rpcDynamicPorts").Length - 1);
    }

    [Theory]
    [InlineData("estate.yaml", "name: ")]
    [InlineData("estate.YML", "name: ")]
    [InlineData("estate.json", "\"name\": ")]
    public void Write_FileName_PicksTheFormat(string fileName, string expected)
    {
        var text = EstateFile.Write(Estate(), fileName);

        Assert.StartsWith(expected, text.TrimStart('{', '\r', '\n', ' '), StringComparison.Ordinal);
        Assert.True(EstateFile.Parse(text, fileName, FlowCatalogue.Default).Succeeded);
    }
}
