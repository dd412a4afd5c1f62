using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests.Lab;

/// <summary>
/// The lab every firewall test shares: the real servers of a Shopping estate inside the target namespace on their
/// real ports (slapd on 389/3268 and LDAPS 636/3269, aiosmtpd on 25, Dovecot POP3 on 110, http.server as Website and
/// ActiveEfficiency on 80, Samba's smbd on 445 and endpoint mapper on 135), and a Tachyon agent stand-in (http.server)
/// on the agent namespace's own loopback port 8000.
/// </summary>
public sealed class FirewallLab : IDisposable
{
    /// <summary>The target's names in the agent namespace's /etc/hosts (all on <see cref="NetworkLab.TargetAddress"/>).</summary>
    public static readonly string[] TargetNames = ["dc01.lab", "mail01.lab", "web01.lab", "ae01.lab", "sms01.lab"];

    public const int TachyonPort = 8000;
    public const string DiscoveryPath = "/shopping/WindowsServicingAssistant/GetTachyonAgentUrl";

    private readonly TempDirectory _estates = new("lab-estates");

    public FirewallLab()
    {
        Network = new NetworkLab(TargetNames);
        try
        {
            var target = Network.Target;
            const string at = NetworkLab.TargetAddress;
            Network.Run(RealServers.Slapd(target, at, [389, 3268], [636, 3269], TestCertificate.ValidFor("dc01.lab", TimeSpan.FromDays(120))));
            Network.Run(RealServers.Smtp(target, at, 25));
            Network.Run(RealServers.Pop3(target, at, 110));
            Network.Run(RealServers.Http(target, at, 80, new Dictionary<string, string>
            {
                ["shopping/index.html"] = "<html><body>Shopping</body></html>",
                [DiscoveryPath] = $$"""{"url":"http://127.0.0.1:{{TachyonPort}}/"}""",
            }));
            Network.Run(RealServers.Smbd(target, at, 445));
            Network.Run(RealServers.EndpointMapper(target, at));
            Network.Run(RealServers.Http(Network.Agent, "127.0.0.1", TachyonPort));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetworkLab Network { get; }

    /// <summary>Writes an estate file (JSON) for one test and returns its path.</summary>
    public string Estate(string name, string json)
    {
        var path = _estates.File(name + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>
    /// The agent's preflight, run inside the agent namespace by the real agent program. The default timeout is generous
    /// (it costs nothing when the port answers) so a loaded CI machine does not turn a reachable flow into TimedOut.
    /// </summary>
    /// <param name="executable">Another build of the agent to run (e.g. the Native AOT one); default the build output.</param>
    /// <param name="format">"table" for what an engineer reads (then only Output holds it, Json does not parse).</param>
    public AgentProgram.Run Preflight(string estateFile, string host, int timeoutMs = 5000, string? executable = null, string format = "json") =>
        AgentProgram.Preflight(Network.Agent, estateFile, host,
            ["--timeout-ms", timeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--concurrency", "16", "--format", format], executable);

    public void Dispose()
    {
        Network?.Dispose();
        _estates.Dispose();
    }
}
