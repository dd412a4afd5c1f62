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

    /// <summary>
    /// Many hosts per role (sources sharing an inbound rule, clients as targets of the receiver), every switch on, and
    /// sql01 listed a second time as SQL01: the estate whose exports are kept as expected files (Firewall/Expected).
    /// </summary>
    public const string WideJson = """
        {
          "name": "Wide",
          "switches": { "rbac": false, "appClarity": true, "labMail": true, "adminConsoleRemote": true },
          "ports": { "websiteHttp": 8080 },
          "hosts": [
            { "name": "web01", "address": "10.0.0.5", "roles": ["Website", "CentralService"] },
            { "name": "web02", "address": "10.0.0.6", "roles": ["Website", "CentralService"] },
            { "name": "rcv01", "roles": ["Receiver"] },
            { "name": "con01", "address": "10.0.2.1", "roles": ["AdminConsole"] },
            { "name": "con02", "roles": ["AdminConsole"] },
            { "name": "sql01", "address": "sql01.contoso.example", "roles": ["ShoppingDb", "ConfigMgrDb"], "ports": { "shoppingDbSql": 14330 } },
            { "name": "cm01", "roles": ["SmsProvider"] },
            { "name": "dc01", "address": "10.0.3.1", "roles": ["DomainController"] },
            { "name": "dc02", "address": "10.0.3.2", "roles": ["DomainController"] },
            { "name": "mail01", "roles": ["SmtpGateway", "Pop3Server"] },
            { "name": "ae01", "roles": ["ActiveEfficiency"] },
            { "name": "appc01", "roles": ["AppClarity"] },
            { "name": "tach01", "roles": ["TachyonAgent"] },
            { "name": "pc01", "address": "10.1.0.1", "roles": ["Client"] },
            { "name": "pc02", "address": "10.1.0.2", "roles": ["Client"] },
            { "name": "pc03", "roles": ["Client"], "rpcDynamicPorts": "5000-5100" },
            { "name": "allinone", "roles": ["Website", "ShoppingDb", "Client"] }
          ]
        }
        """;

    public static Estate Wide()
    {
        var estate = Estate(WideJson);
        return estate with { Hosts = [.. estate.Hosts, estate.FindHost("sql01")! with { Name = "SQL01", Address = "10.0.0.9" }] };
    }

    public static Estate Estate(string json = Json)
    {
        var result = EstateFile.Parse(json, "estate.json", FlowCatalogue.Default);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Estate!;
    }
}
