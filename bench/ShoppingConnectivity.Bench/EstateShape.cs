using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Bench;

/// <summary>
/// The estate the scale figures are about (DESIGN.md): 50,000 client PCs and a dozen servers. Clients probe every
/// 5 minutes, servers every minute; every switch on, so every flow is probed.
/// </summary>
public sealed record EstateShape(int Clients, int Servers, IReadOnlyList<FlowShape> Flows)
{
    public double ResultsPerSecond => Flows.Sum(f => f.ResultsPerHour) / 3600.0;

    public static EstateShape For(FlowCatalogue catalogue, int clients)
    {
        // Hosts per role: two Website + Central Service servers, one receiver, two admin consoles, two DCs, one of each other dependency.
        var hosts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["Client"] = clients, ["Website"] = 2, ["CentralService"] = 2, ["Receiver"] = 1, ["AdminConsole"] = 2,
            ["DomainController"] = 2, ["ShoppingDb"] = 1, ["ConfigMgrDb"] = 1, ["SmsProvider"] = 1, ["SmtpGateway"] = 1,
            ["Pop3Server"] = 1, ["ActiveEfficiency"] = 1, ["AppClarity"] = 1, ["TachyonAgent"] = 1,
        };
        var flows = catalogue.Flows
            .Where(f => !(f.When.Any(w => w.Switch == "rbac" && w.Is)))
            .Select(f =>
            {
                var sources = hosts.GetValueOrDefault(f.From);
                var targets = f.Loopback ? 1 : hosts.GetValueOrDefault(f.To);
                var links = sources * targets * f.Ports.Count;
                var interval = f.IsClientFlow ? 300 : 60;
                return new FlowShape(f.Id, f.IsClientFlow, links, interval);
            })
            .Where(f => f.Links > 0)
            .ToList();
        return new EstateShape(clients, 13, flows);
    }
}
