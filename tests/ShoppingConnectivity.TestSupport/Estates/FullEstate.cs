using System.Text;

namespace ShoppingConnectivity.TestSupport.Estates;

/// <summary>
/// A whole Shopping estate on paper: a host for every role (two domain controllers), every switch on, and as many
/// client PCs as asked. Nothing listens: tests and benchmarks post results through the agent API as its agents.
/// </summary>
public static class FullEstate
{
    /// <summary>The servers; <paramref name="secondWebsite"/> adds web02, a second Website and Central Service host.</summary>
    public static IReadOnlyList<string> Servers(bool secondWebsite = false) => [.. Hosts(secondWebsite).Select(h => h.Name)];

    /// <summary>The name of client PC number <paramref name="i"/> (pc00042): sorts in number order up to 100,000 clients.</summary>
    public static string ClientName(int i) => $"pc{i:D5}";

    /// <summary>The names of the first <paramref name="count"/> client PCs.</summary>
    public static IEnumerable<string> ClientNames(int count) => Enumerable.Range(0, count).Select(ClientName);

    /// <summary>The estate file (JSON) named <paramref name="name"/>, with <paramref name="clients"/> as client PCs.</summary>
    /// <param name="ports">Estate-wide port settings (e.g. websiteHttp 18081); none: the catalogue's ports.</param>
    public static string Json(string name, IEnumerable<string> clients, bool secondWebsite = false, IReadOnlyDictionary<string, int>? ports = null)
    {
        var hosts = new StringBuilder();
        foreach (var (server, roles) in Hosts(secondWebsite))
        {
            hosts.Append(hosts.Length == 0 ? "" : ",\n").Append($$"""    { "name": "{{server}}", "roles": [{{string.Join(", ", roles.Select(r => $"\"{r}\""))}}] }""");
        }

        foreach (var client in clients) hosts.Append($$""",{{"\n"}}    { "name": "{{client}}", "roles": ["Client"] }""");
        return $$"""
            {
              "name": "{{name}}",
              "switches": { "rbac": false, "appClarity": true, "labMail": true, "adminConsoleRemote": true },
              "ports": { {{string.Join(", ", (ports ?? new Dictionary<string, int>()).Select(p => $"\"{p.Key}\": {p.Value}"))}} },
              "hosts": [
            {{hosts}}
              ]
            }
            """;
    }

    private static IEnumerable<(string Name, string[] Roles)> Hosts(bool secondWebsite)
    {
        yield return ("web01", ["Website", "CentralService"]);
        if (secondWebsite) yield return ("web02", ["Website", "CentralService"]);
        yield return ("rcv01", ["Receiver"]);
        yield return ("con01", ["AdminConsole"]);
        yield return ("sql01", ["ShoppingDb"]);
        yield return ("cm01", ["ConfigMgrDb", "SmsProvider"]);
        yield return ("dc01", ["DomainController"]);
        yield return ("dc02", ["DomainController"]);
        yield return ("mail01", ["SmtpGateway", "Pop3Server"]);
        yield return ("ae01", ["ActiveEfficiency"]);
        yield return ("ac01", ["AppClarity"]);
    }
}
