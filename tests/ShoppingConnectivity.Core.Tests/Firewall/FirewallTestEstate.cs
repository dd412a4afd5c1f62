using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Firewall;

/// <summary>A small estate with every case the firewall export distinguishes.</summary>
internal static class FirewallTestEstate
{
    public const string Json = """
        {
          "name": "Contoso: 'lab' #> 1",
          "switches": { "appClarity": false },
          "hosts": [
            { "name": "web01", "address": "10.0.0.5", "roles": ["Website", "CentralService"] },
            { "name": "web02", "address": "10.0.0.6", "roles": ["Website"] },
            { "name": "sql01", "address": "sql01.contoso.example", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": 14330 } },
            { "name": "pc01", "address": "10.1.0.1", "roles": ["Client"] },
            { "name": "appc01", "roles": ["AppClarity"] },
            { "name": "allinone", "roles": ["Website", "ShoppingDb"] }
          ]
        }
        """;

    public static Estate Estate(string json = Json)
    {
        var result = EstateFile.Parse(json, "estate.json", FlowCatalogue.Default);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Estate!;
    }
}
