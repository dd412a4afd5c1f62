using System.Text.Json;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Lab;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Blame from real probes: three clients, each a real agent in its own network namespace (its own address), probe the
/// Shopping Website, a real HTTP server in the lab's target namespace where central runs too. nftables there drops the
/// website's port for one client's address only: its peers reach the website, so that client is the suspect.
/// </summary>
public sealed class BlameLabEndToEndTests : IDisposable
{
    private const int WebsitePort = 8080;
    private const string Website = "web01.lab";
    private static readonly string[] Clients = ["pc01", "pc02", "pc03"];
    private const int Blocked = 2; // pc03

    private readonly NetworkLab _lab = new([Website], agents: Clients.Length);
    private readonly string _www = Path.Combine(Path.GetTempPath(), "sc-e2e-blame", Guid.NewGuid().ToString("N"));
    private readonly List<TestProcess> _agents = [];
    private Central? _central;

    [Fact]
    public async Task ClientBlockedFromTheWebsite_PeersReachIt_ApiNamesTheClient()
    {
        Directory.CreateDirectory(Path.Combine(_www, "shopping"));
        File.WriteAllText(Path.Combine(_www, "shopping", "index.html"), "<html>Shopping</html>");
        var target = _lab.Target;
        _lab.Run(ServiceProcess.Start("http.server", target,
            target.Command("/usr/bin/python3", "-m", "http.server", WebsitePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", NetworkLab.TargetAddress, "--directory", _www),
            [WebsitePort]));
        _lab.Firewall($"ip saddr {NetworkLab.AgentAddressOf(Blocked)} tcp dport {WebsitePort} drop");

        var hosts = string.Join(",\n", Clients.Select(c => $$"""    { "name": "{{c}}", "roles": ["Client"] }"""));
        _central = await Central.StartAsync($$"""
            {
              "name": "Blame lab",
              "hosts": [
            {{hosts}},
                { "name": "{{Website}}", "address": "{{NetworkLab.TargetAddress}}", "roles": ["Website"], "ports": { "websiteHttp": {{WebsitePort}} } }
              ]
            }
            """, settings: new Dictionary<string, string> { ["Central__StaleAfterIntervals"] = "10" }, place: target, address: NetworkLab.TargetAddress);
        for (var i = 0; i < Clients.Length; i++) _agents.Add(_central.StartAgent(Clients[i], place: _lab.Agents[i]));

        const string expected = $"pc03: cannot reach {Website}:8080, which 2 other clients reach";
        JsonElement[] suspects = [];
        await Eventually.AssertAsync(async () =>
        {
            using var doc = JsonDocument.Parse(await _central.Http.GetStringAsync("/api/v1/suspects"));
            suspects = doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
            return suspects.Any(s => s.GetProperty("text").GetString() == expected);
        }, TimeSpan.FromSeconds(90), () => $"no suspect '{expected}'.\nSuspects: {string.Join("; ", suspects.Select(s => s.GetProperty("text").GetString()))}"
            + $"\nCentral:\n{_central.Process.Output}\nAgents:\n{string.Join("\n", _agents.Select(a => a.Output))}");

        var suspect = suspects.Single(s => s.GetProperty("text").GetString() == expected);
        Assert.Equal("Source", suspect.GetProperty("kind").GetString());
        Assert.Equal("Client", suspect.GetProperty("role").GetString());
        Assert.Equal(["client-website-http"], suspect.GetProperty("flowIds").EnumerateArray().Select(f => f.GetString()));
        // The website is not blamed: two of its three sources reach it.
        Assert.DoesNotContain(suspects, s => s.GetProperty("host").GetString() == Website);
        var edge = (await _central.EdgesAsync())["client-website-http"];
        Assert.Contains(edge.GetProperty("suspects").EnumerateArray(), s => s.GetProperty("text").GetString() == expected);
    }

    public void Dispose()
    {
        foreach (var agent in _agents) agent.Dispose();
        _central?.Dispose();
        _lab.Dispose();
        try
        {
            Directory.Delete(_www, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
