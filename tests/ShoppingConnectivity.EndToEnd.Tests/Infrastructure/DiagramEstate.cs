using System.Text;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A whole Shopping estate on paper: every role has a host, every switch is on, and <see cref="Clients"/> client
/// PCs. Nothing listens: the tests post results through the agent API as the agents of these hosts.
/// </summary>
public static class DiagramEstate
{
    public static readonly string[] Servers = ["web01", "rcv01", "con01", "sql01", "cm01", "dc01", "dc02", "mail01", "ae01", "ac01"];

    public static string ClientName(int i) => $"pc{i:D4}";

    public static string Json(int clients)
    {
        var hosts = new StringBuilder();
        hosts.AppendLine("""
            { "name": "web01", "roles": ["Website", "CentralService"] },
            { "name": "rcv01", "roles": ["Receiver"] },
            { "name": "con01", "roles": ["AdminConsole"] },
            { "name": "sql01", "roles": ["ShoppingDb"] },
            { "name": "cm01", "roles": ["ConfigMgrDb", "SmsProvider"] },
            { "name": "dc01", "roles": ["DomainController"] },
            { "name": "dc02", "roles": ["DomainController"] },
            { "name": "mail01", "roles": ["SmtpGateway", "Pop3Server"] },
            { "name": "ae01", "roles": ["ActiveEfficiency"] },
            { "name": "ac01", "roles": ["AppClarity"] }
            """);
        for (var i = 0; i < clients; i++) hosts.Append($",\n{{ \"name\": \"{ClientName(i)}\", \"roles\": [\"Client\"] }}");
        return $$"""
            {
              "name": "Diagram lab",
              "switches": { "rbac": false, "appClarity": true, "labMail": true, "adminConsoleRemote": true },
              "hosts": [
                {{hosts}}
              ]
            }
            """;
    }
}
