using System.Security.Cryptography;

namespace ShoppingConnectivity.TestSupport.Lab;

/// <summary>
/// Two hosts made of Linux network namespaces joined by a veth pair: the agent's (<see cref="Agent"/>, 10.203.0.1) and
/// the target's (<see cref="Target"/>, 10.203.0.2). Names are unique per lab (sc-a-xxxxxx, sc-t-xxxxxx), so labs of
/// parallel runs never meet. A lab of several agent hosts gives each further one its own namespace (sc-a-xxxxxx-N,
/// 10.203.N.1) and veth pair to the target, routed to the target's address, so a firewall rule can pick one source. The agent namespace gets its own /etc/hosts (through /etc/netns/NAME/hosts, which
/// `ip netns exec` bind-mounts) naming the target's hosts, and a resolver pointing at its own empty loopback, so an
/// unknown name fails at once and no lookup leaves the lab. Firewall rules are nftables inside the target namespace.
/// Dispose removes services, namespaces (and with them the veth pair) and the /etc/netns directories, whatever
/// state a failed test left.
/// </summary>
public sealed class NetworkLab : IDisposable
{
    public const string AgentAddress = "10.203.0.1";
    public const string TargetAddress = "10.203.0.2";

    /// <summary>An address no route in the agent namespace leads to.</summary>
    public const string NoRouteAddress = "10.209.9.9";

    private readonly List<IDisposable> _services = [];
    private readonly List<string> _namespaces = [];
    private readonly List<string> _etcDirectories = [];

    /// <param name="agents">How many agent hosts (namespaces) the lab has, 1 to 9; see <see cref="Agents"/>.</param>
    public NetworkLab(IEnumerable<string> targetHostNames, int agents = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(agents, 9);
        Commands.RequireRoot("the firewall lab creates network namespaces, veth pairs and nftables rules");
        RemoveAbandonedLabs();
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        AgentNamespace = $"sc-a-{id}";
        TargetNamespace = $"sc-t-{id}";
        try
        {
            AddNamespace(AgentNamespace);
            AddNamespace(TargetNamespace);
            // Interface names are limited to 15 characters: sca/sct + the lab id.
            string agentLink = $"sca{id}", targetLink = $"sct{id}";
            Commands.Check(["ip", "link", "add", agentLink, "netns", AgentNamespace, "type", "veth", "peer", "name", targetLink, "netns", TargetNamespace]);
            Configure(AgentNamespace, agentLink, AgentAddress);
            Configure(TargetNamespace, targetLink, TargetAddress);
            var names = targetHostNames.ToList();
            Resolve(AgentNamespace, AgentAddress, names);
            _agents.Add(Place.Namespace(AgentNamespace));

            for (var n = 1; n < agents; n++)
            {
                var ns = $"{AgentNamespace}-{n}";
                AddNamespace(ns);
                Commands.Check(["ip", "link", "add", $"{agentLink}{n}", "netns", ns, "type", "veth", "peer", "name", $"{targetLink}{n}", "netns", TargetNamespace]);
                Configure(ns, $"{agentLink}{n}", AgentAddressOf(n));
                Configure(TargetNamespace, $"{targetLink}{n}", $"10.203.{n}.2");
                // The target answers on its one address whichever pair a packet came in by.
                Commands.Check(["ip", "-n", ns, "route", "add", $"{TargetAddress}/32", "via", $"10.203.{n}.2"]);
                Resolve(ns, AgentAddressOf(n), names);
                _agents.Add(Place.Namespace(ns));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string AgentNamespace { get; }

    public string TargetNamespace { get; }

    public Place Agent => Place.Namespace(AgentNamespace);

    /// <summary>Every agent host of the lab, the first being <see cref="Agent"/>; agent host N has the address <see cref="AgentAddressOf"/>(N).</summary>
    public IReadOnlyList<Place> Agents => _agents;

    private readonly List<Place> _agents = [];

    /// <summary>The address agent host <paramref name="n"/> (0-based) probes from: 10.203.0.1, 10.203.1.1, ...</summary>
    public static string AgentAddressOf(int n) => n == 0 ? AgentAddress : $"10.203.{n}.1";

    public Place Target => Place.Namespace(TargetNamespace);

    /// <summary>Keeps a service started in the lab, so it stops with the lab.</summary>
    public T Run<T>(T service) where T : IDisposable
    {
        lock (_services) _services.Add(service);
        return service;
    }

    /// <summary>Replaces the target's firewall with <paramref name="inputRules"/> (nft statements of the input chain); none: all open.</summary>
    public void Firewall(params string[] inputRules)
    {
        var rules = string.Join("\n", inputRules.Select(r => "    " + r));
        Commands.Check(Target.Command("nft", "-f", "-"), $$"""
            flush ruleset
            table ip lab {
              chain input {
                type filter hook input priority 0; policy accept;
            {{rules}}
              }
            }

            """);
    }

    private const string OwnerFile = "sc-lab-owner-pid";

    /// <summary>
    /// A test run killed before its dispose (a CI timeout, say) leaves its lab behind: remove the labs whose owning
    /// process is gone, with the processes still inside their namespaces. Labs of live runs are never touched.
    /// </summary>
    private static void RemoveAbandonedLabs()
    {
        if (!Directory.Exists("/etc/netns")) return;
        foreach (var etc in Directory.GetDirectories("/etc/netns", "sc-a-*"))
        {
            var owner = Path.Combine(etc, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || Directory.Exists($"/proc/{pid}")) continue;

            var id = Path.GetFileName(etc)["sc-a-".Length..];
            foreach (var ns in new[] { $"sc-a-{id}", $"sc-t-{id}" })
            {
                foreach (var line in Commands.Run(["ip", "netns", "pids", ns]).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (int.TryParse(line, out var inside)) Commands.Run(["kill", "-9", inside.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                }

                Commands.Run(["ip", "netns", "delete", ns]);
            }

            Directory.Delete(etc, recursive: true);
        }
    }

    /// <summary>
    /// The namespace's own /etc/hosts (naming the target's hosts) and a resolver on its own empty loopback, and the owner
    /// file that lets a later run remove the namespace if this one is killed.
    /// </summary>
    private void Resolve(string ns, string address, IReadOnlyList<string> targetHostNames)
    {
        var etc = Path.Combine("/etc/netns", ns);
        Directory.CreateDirectory(etc);
        _etcDirectories.Add(etc);
        File.WriteAllText(Path.Combine(etc, "hosts"),
            $"127.0.0.1 localhost\n{address} agent.lab\n{TargetAddress} {string.Join(' ', targetHostNames)}\n");
        File.WriteAllText(Path.Combine(etc, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        File.WriteAllText(Path.Combine(etc, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private void AddNamespace(string name)
    {
        Commands.Check(["ip", "netns", "add", name]);
        _namespaces.Add(name);
    }

    private static void Configure(string ns, string link, string address)
    {
        Commands.Check(["ip", "-n", ns, "link", "set", "lo", "up"]);
        Commands.Check(["ip", "-n", ns, "addr", "add", $"{address}/24", "dev", link]);
        Commands.Check(["ip", "-n", ns, "link", "set", link, "up"]);
    }

    public void Dispose()
    {
        lock (_services)
        {
            foreach (var service in Enumerable.Reverse(_services))
            {
                try
                {
                    service.Dispose();
                }
                catch (Exception)
                {
                    // Keep removing the rest: a namespace must never outlive the lab.
                }
            }

            _services.Clear();
        }

        foreach (var ns in _namespaces) Commands.Run(["ip", "netns", "delete", ns]);
        _namespaces.Clear();
        foreach (var dir in _etcDirectories)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        _etcDirectories.Clear();
    }
}
