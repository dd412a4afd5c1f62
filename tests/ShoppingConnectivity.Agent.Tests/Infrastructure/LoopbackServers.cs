using ShoppingConnectivity.TestSupport.Lab;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>
/// The real servers the probe tests talk to on loopback, each started the first time a test asks for it and all
/// stopped (with their temp directories) when the collection ends.
/// </summary>
public sealed class LoopbackServers : IDisposable
{
    public const string Loopback = "127.0.0.1";

    /// <summary>The endpoint mapper's port is fixed at 135: it gets a loopback address of its own so nothing else collides.</summary>
    public const string EndpointMapperAddress = "127.0.0.135";

    public const string DiscoveryPath = "/Shopping/GetTachyonAgentUrl";

    private readonly List<IDisposable> _started = [];
    private readonly Dictionary<string, RealServer> _servers = [];

    public RealServer Slapd => Get(nameof(Slapd), () => RealServers.Slapd(Place.Host, Loopback, [LoopbackPorts.Free()]));

    public RealServer LdapsValid => Get(nameof(LdapsValid), () => Ldaps(TestCertificate.ValidFor("dc01.lab", TimeSpan.FromDays(90))));

    public RealServer LdapsNearExpiry => Get(nameof(LdapsNearExpiry), () => Ldaps(TestCertificate.ValidFor("dc02.lab", TimeSpan.FromDays(5.5))));

    public RealServer LdapsExpired => Get(nameof(LdapsExpired), () => Ldaps(TestCertificate.ExpiredSince("dc03.lab", TimeSpan.FromDays(3.5))));

    public RealServer Smtp => Get(nameof(Smtp), () => RealServers.Smtp(Place.Host, Loopback, LoopbackPorts.Free()));

    public RealServer Pop3 => Get(nameof(Pop3), () => RealServers.Pop3(Place.Host, Loopback, LoopbackPorts.Free()));

    /// <summary>
    /// http.server whose discovery path names its own root as the Tachyon agent URL (the same server plays Website and agent).
    /// </summary>
    public RealServer Http => Get(nameof(Http), () =>
    {
        var port = LoopbackPorts.Free();
        return RealServers.Http(Place.Host, Loopback, port, new Dictionary<string, string>
        {
            [DiscoveryPath] = $$"""{"TachyonAgentUrl":"http://{{Loopback}}:{{port}}/"}""",
        });
    });

    public RealServer Https => Get(nameof(Https), () =>
        RealServers.Https(Place.Host, Loopback, LoopbackPorts.Free(), TestCertificate.ValidFor("shop-web01.lab", TimeSpan.FromDays(200))));

    public RealServer Smbd => Get(nameof(Smbd), () => RealServers.Smbd(Place.Host, Loopback, LoopbackPorts.Free()));

    public RealServer EndpointMapper => Get(nameof(EndpointMapper), () =>
    {
        Commands.RequireRoot("Samba's endpoint mapper listens on port 135 only");
        return RealServers.EndpointMapper(Place.Host, EndpointMapperAddress);
    });

    private static RealServer Ldaps(TestCertificate certificate) =>
        RealServers.Slapd(Place.Host, Loopback, [LoopbackPorts.Free()], [LoopbackPorts.Free()], certificate);

    private RealServer Get(string name, Func<RealServer> start)
    {
        lock (_servers)
        {
            if (_servers.TryGetValue(name, out var running)) return running;
            var server = start();
            _servers[name] = server;
            _started.Add(server);
            return server;
        }
    }

    public void Dispose()
    {
        lock (_servers)
        {
            foreach (var server in _started) server.Dispose();
            _started.Clear();
            _servers.Clear();
        }
    }
}
