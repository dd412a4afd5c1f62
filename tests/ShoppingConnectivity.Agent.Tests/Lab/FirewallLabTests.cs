using System.Text.Json;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests.Lab;

/// <summary>
/// Failure classes proven against real firewalls: the real agent program runs `preflight` inside the agent namespace
/// and probes the real servers in the target namespace, whose nftables rules DROP or REJECT ports. Needs root.
/// </summary>
[Collection(FirewallLabCollection.Name)]
public sealed class FirewallLabTests(FirewallLab lab)
{
    /// <summary>A Shopping central server and the dependencies it talks to, every one in the target namespace.</summary>
    private const string ServerEstate = """
        {
          "name": "Lab",
          "switches": { "rbac": true, "appClarity": false, "labMail": true, "adminConsoleRemote": false },
          "hosts": [
            { "name": "app01.lab", "address": "10.203.0.1", "roles": ["CentralService"] },
            { "name": "dc01.lab", "roles": ["DomainController"] },
            { "name": "mail01.lab", "roles": ["SmtpGateway", "Pop3Server"] },
            { "name": "ae01.lab", "roles": ["ActiveEfficiency"] },
            { "name": "sms01.lab", "roles": ["SmsProvider"] }
          ]
        }
        """;

    /// <summary>Every flow of app01.lab in <see cref="ServerEstate"/>: one per kind the lab can serve for real.</summary>
    private static readonly (string Key, string Kind)[] ServerFlows =
    [
        ("central-dc-ldap 389", "ldap"),
        ("central-dc-gc 3268", "ldap"),
        ("central-dc-ldaps 636", "tls"),
        ("central-dc-ldaps 3269", "tls"),
        ("central-smtp 25", "smtp"),
        ("central-pop3 110", "pop3"),
        ("central-activeefficiency-http 80", "http"),
        ("central-smsprovider-wmi 135", "rpc"),
        ("central-smsprovider-wmi 445", "smb"),
    ];

    [Fact]
    public void Preflight_FirewallOpen_EveryKindReachableThroughTheLab()
    {
        lab.Network.Firewall();

        var run = lab.Preflight(lab.Estate("open", ServerEstate), "app01.lab");

        AssertEveryKindReachable(run);
    }

    /// <summary>
    /// The Native AOT build (the Linux install build) runs every probe kind as the JIT build does: LDAP through
    /// libldap, SMTP and POP3 through MailKit, TLS, HTTP, DCE/RPC, SMB, and the Tachyon discovery, against the real servers.
    /// </summary>
    [Fact]
    public void Preflight_NativeAotAgent_EveryKindReachableThroughTheLab()
    {
        var executable = NativeAgent.Executable;
        lab.Network.Firewall();

        var server = lab.Preflight(lab.Estate("aot-open", ServerEstate), "app01.lab", executable: executable);
        var client = lab.Preflight(lab.Estate("aot-client", ClientEstate), "pc01.lab", executable: executable);

        AssertEveryKindReachable(server);
        Assert.True(client.ExitCode == 0, client.ToString());
        Assert.StartsWith($"The Website names the Tachyon agent at http://127.0.0.1:{FirewallLab.TachyonPort}/: HTTP 200 OK",
            Detail(client.Results[$"client-tachyon-http {FirewallLab.TachyonPort}"]));
    }

    private static void AssertEveryKindReachable(AgentProgram.Run run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var results = run.Results;
        Assert.Equal(ServerFlows.Length, results.Count);
        foreach (var (key, kind) in ServerFlows)
        {
            Assert.Equal(kind, results[key].GetProperty("kind").GetString());
            Assert.True(Outcome(results[key]) == "Reachable", $"{key}: {results[key]}");
        }

        Assert.Contains("namingContexts dc=lab,dc=test", Detail(results["central-dc-ldap 389"]));
        Assert.Contains("namingContexts dc=lab,dc=test", Detail(results["central-dc-gc 3268"]));
        Assert.Contains("certificate CN=dc01.lab", Detail(results["central-dc-ldaps 636"]));
        Assert.Contains("days left", Detail(results["central-dc-ldaps 3269"]));
        Assert.StartsWith("SMTP greeting '220 ", Detail(results["central-smtp 25"]));
        Assert.StartsWith("POP3 greeting '+OK Dovecot", Detail(results["central-pop3 110"]));
        Assert.StartsWith("HTTP 200 OK from Port 80 of ae01.lab (10.203.0.2)", Detail(results["central-activeefficiency-http 80"]));
        Assert.Contains("dynamic RPC ports 49152, 49153 and 49154 reached", Detail(results["central-smsprovider-wmi 135"]));
        Assert.Contains("An SMB server answered the negotiate: dialect SMB 3", Detail(results["central-smsprovider-wmi 445"]));
        Assert.Equal(ServerFlows.Length, run.Json.GetProperty("passed").GetInt32());
        Assert.Equal(0, run.Json.GetProperty("failed").GetInt32());
    }

    [Fact]
    public void Preflight_EveryPortDropped_EveryKindTimedOut()
    {
        lab.Network.Firewall("tcp dport { 25, 80, 110, 135, 389, 445, 636, 3268, 3269 } drop");

        var run = lab.Preflight(lab.Estate("dropped", ServerEstate), "app01.lab", timeoutMs: 1000);

        Assert.True(run.ExitCode == 1, run.ToString());
        foreach (var (key, _) in ServerFlows)
        {
            Assert.True(Outcome(run.Results[key]) == "TimedOut", $"{key}: {run.Results[key]}");
            Assert.Contains("within 1,000 ms", Detail(run.Results[key]));
        }

        Assert.Equal(ServerFlows.Length, run.Json.GetProperty("failed").GetInt32());
    }

    /// <summary>
    /// The common WMI failure (issue 16): the firewall opens 135 and 445 and drops the dynamic RPC range. 135 alone
    /// would say Reachable; the probe follows the endpoint mapper to the port it names and says which half failed.
    /// </summary>
    [Fact]
    public void Preflight_DynamicRpcRangeDropped_TimedOutNamingThePortAndTheRangeToOpen()
    {
        lab.Network.Firewall("tcp dport 49152-65535 drop");

        var run = lab.Preflight(lab.Estate("rpc-dropped", ServerEstate), "app01.lab", timeoutMs: 1500);

        Assert.True(run.ExitCode == 1, run.ToString());
        var wmi = run.Results["central-smsprovider-wmi 135"];
        Assert.Equal("TimedOut", Outcome(wmi));
        Assert.StartsWith("Port 135 of sms01.lab (10.203.0.2) answers, but the dynamic RPC port 49152 it named is filtered (no answer within 1,500 ms): " +
            "open the dynamic RPC range 49152-65535 (Windows Server 2008 and later) or the range set on this server. Also tried: 49153 (TimedOut), 49154 (TimedOut). " +
            "The endpoint mapper on 135 accepted the bind and named ", Detail(wmi));
        Assert.Equal("sms01.lab answers on TCP 135 (the endpoint mapper), but a firewall between app01.lab and sms01.lab drops the dynamic RPC port 49152 it named: " +
            "open TCP 49152-65535 from app01.lab to sms01.lab (WMI/DCOM needs both).", wmi.GetProperty("hint").GetString());
        Assert.True(Outcome(run.Results["central-smsprovider-wmi 445"]) == "Reachable", run.ToString()); // SMB is as it was
        Assert.True(run.Json.GetProperty("failed").GetInt32() == 1, run.ToString());
    }

    /// <summary>The estate's range for the host travels in the plan: the detail and the hint name it, not Windows' default.</summary>
    [Fact]
    public void Preflight_EstateSetsTheHostsRange_DetailAndHintNameThatRange()
    {
        lab.Network.Firewall("tcp dport 49152-65535 drop");
        var estate = ServerEstate.Replace("""{ "name": "sms01.lab", "roles": ["SmsProvider"] }""",
            """{ "name": "sms01.lab", "roles": ["SmsProvider"], "rpcDynamicPorts": "49152-49160" }""", StringComparison.Ordinal);

        var run = lab.Preflight(lab.Estate("rpc-estate-range", estate), "app01.lab", timeoutMs: 1500);

        var wmi = run.Results["central-smsprovider-wmi 135"];
        Assert.Equal("TimedOut", Outcome(wmi));
        Assert.Contains("the dynamic RPC port 49152 it named is filtered (no answer within 1,500 ms): open the dynamic RPC range 49152-49160 (the estate's range for this server).", Detail(wmi));
        Assert.Contains("open TCP 49152-49160 from app01.lab to sms01.lab", wmi.GetProperty("hint").GetString());
    }

    [Fact]
    public void Preflight_DynamicRpcRangeRejected_RefusedNamingTheDynamicPort()
    {
        lab.Network.Firewall("tcp dport 49152-65535 reject with tcp reset");

        var run = lab.Preflight(lab.Estate("rpc-rejected", ServerEstate), "app01.lab");

        Assert.True(run.ExitCode == 1, run.ToString());
        var wmi = run.Results["central-smsprovider-wmi 135"];
        Assert.Equal("Refused", Outcome(wmi));
        Assert.StartsWith("Port 135 of sms01.lab (10.203.0.2) answers, but the dynamic RPC port 49152 it named is refused (ConnectionRefused (Connection refused)): " +
            "open the dynamic RPC range 49152-65535", Detail(wmi));
        Assert.Contains("the dynamic RPC port 49152 it named is refused", wmi.GetProperty("hint").GetString());
    }

    [Fact]
    public void Preflight_EndpointMapperDropped_TimedOutOn135AsBefore()
    {
        lab.Network.Firewall("tcp dport 135 drop");

        var run = lab.Preflight(lab.Estate("rpc-135", ServerEstate), "app01.lab", timeoutMs: 1000);

        var wmi = run.Results["central-smsprovider-wmi 135"];
        Assert.Equal("TimedOut", Outcome(wmi));
        Assert.Equal("No answer from 10.203.0.2:135 within 1,000 ms.", Detail(wmi));
        Assert.Contains("drops TCP 135", wmi.GetProperty("hint").GetString());
    }

    /// <summary>A range opened only in part: WMI works until the server hands out a port from the closed part.</summary>
    [Fact]
    public void Preflight_PartOfTheDynamicRangeDropped_ReachableButDegradedNamingTheClosedPort()
    {
        lab.Network.Firewall("tcp dport 49154-65535 drop");

        var run = lab.Preflight(lab.Estate("rpc-part", ServerEstate), "app01.lab", timeoutMs: 1500);

        var wmi = run.Results["central-smsprovider-wmi 135"];
        Assert.True(Outcome(wmi) == "Reachable" && wmi.GetProperty("degraded").GetBoolean(), run.ToString());
        Assert.EndsWith("; dynamic RPC ports 49152 and 49153 reached, but port 49154 is filtered (no answer within 1,500 ms): " +
            "open the whole dynamic RPC range 49152-65535 (Windows Server 2008 and later) or the range set on this server.", Detail(wmi));
    }

    /// <summary>The table an install engineer reads prints both halves of the rpc flow, open or not.</summary>
    [Fact]
    public void PreflightTable_DynamicRpcRangeDropped_PrintsBothHalvesAndTheHint()
    {
        lab.Network.Firewall("tcp dport 49152-65535 drop");

        var run = lab.Preflight(lab.Estate("rpc-table", ServerEstate), "app01.lab", timeoutMs: 1500, format: "table");

        Assert.True(run.ExitCode == 1, run.ToString());
        var row = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("Central Service -> SMS Provider (ConfigMgr site server) (rpc)", StringComparison.Ordinal));
        // The whole row on failure: xUnit cuts a Contains message at 40 characters, before the outcome.
        Assert.True(row.Contains("sms01.lab:135", StringComparison.Ordinal) && row.Contains("TimedOut", StringComparison.Ordinal)
            && row.Contains("drops the dynamic RPC port 49152 it named: open TCP 49152-65535 from app01.lab to sms01.lab", StringComparison.Ordinal), run.ToString());
        Assert.Contains("  closed: Central Service -> sms01.lab:135: Port 135 of sms01.lab (10.203.0.2) answers, but the dynamic RPC port 49152 it named is filtered", run.Output);

        lab.Network.Firewall();
        var open = lab.Preflight(lab.Estate("rpc-table-open", ServerEstate), "app01.lab", format: "table");

        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Contains("  open: Central Service -> sms01.lab:135: The endpoint mapper on 135 accepted the bind and named ", open.Output);
        Assert.Contains("dynamic RPC ports 49152, 49153 and 49154 reached.", open.Output);
    }

    [Fact]
    public void Preflight_RejectWithTcpReset_IsRefusedOnThatPortOnly()
    {
        lab.Network.Firewall("tcp dport 389 reject with tcp reset");

        var run = lab.Preflight(lab.Estate("reset", ServerEstate), "app01.lab");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("Refused", Outcome(run.Results["central-dc-ldap 389"]));
        Assert.Contains("ConnectionRefused", Detail(run.Results["central-dc-ldap 389"]));
        Assert.True(Outcome(run.Results["central-dc-gc 3268"]) == "Reachable", run.ToString()); // same server, port not rejected
        Assert.True(run.Json.GetProperty("failed").GetInt32() == 1, run.ToString());
    }

    [Fact]
    public void Preflight_RejectWithIcmpHostUnreachable_IsUnreachable()
    {
        lab.Network.Firewall("tcp dport 25 reject with icmp type host-unreachable");

        var run = lab.Preflight(lab.Estate("icmp", ServerEstate), "app01.lab");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("Unreachable", Outcome(run.Results["central-smtp 25"]));
        Assert.Contains("HostUnreachable", Detail(run.Results["central-smtp 25"]));
        Assert.True(Outcome(run.Results["central-pop3 110"]) == "Reachable", run.ToString()); // same host, other port
        Assert.True(run.Json.GetProperty("failed").GetInt32() == 1, run.ToString());
    }

    [Fact]
    public void Preflight_NoRouteToAddress_IsUnreachable()
    {
        lab.Network.Firewall();
        var estate = lab.Estate("noroute", $$"""
            { "name": "Lab", "hosts": [
              { "name": "app01.lab", "address": "10.203.0.1", "roles": ["CentralService"] },
              { "name": "dc09.lab", "address": "{{NetworkLab.NoRouteAddress}}", "roles": ["DomainController"] } ] }
            """);

        var run = lab.Preflight(estate, "app01.lab");

        Assert.True(run.ExitCode == 1, run.ToString());
        var ldap = run.Results["central-dc-ldap 389"];
        Assert.Equal("Unreachable", Outcome(ldap));
        Assert.Contains("NetworkUnreachable", Detail(ldap));
        Assert.All(run.Json.GetProperty("results").EnumerateArray(), r => Assert.Equal("Unreachable", Outcome(r)));
    }

    [Fact]
    public void Preflight_UnknownName_IsDnsFailed()
    {
        lab.Network.Firewall();
        var estate = lab.Estate("unknown", """
            { "name": "Lab", "hosts": [
              { "name": "app01.lab", "address": "10.203.0.1", "roles": ["CentralService"] },
              { "name": "dc01.lab", "roles": ["DomainController"] },
              { "name": "ghost01.lab", "roles": ["SmtpGateway"] } ] }
            """);

        var run = lab.Preflight(estate, "app01.lab");

        Assert.True(run.ExitCode == 1, run.ToString());
        var smtp = run.Results["central-smtp 25"];
        Assert.Equal("DnsFailed", Outcome(smtp));
        Assert.Contains("'ghost01.lab' did not resolve", Detail(smtp));
        Assert.True(Outcome(run.Results["central-dc-ldap 389"]) == "Reachable", run.ToString()); // a name the lab's hosts file knows
    }

    [Fact]
    public void Preflight_Client_WebsiteAndTachyonAgentReachable()
    {
        lab.Network.Firewall();

        var run = lab.Preflight(lab.Estate("client", ClientEstate), "pc01.lab");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("HTTP 301 Moved Permanently from Port 80 of web01.lab (10.203.0.2) to GET /shopping", Detail(run.Results["client-website-http 80"]));
        var tachyon = run.Results[$"client-tachyon-http {FirewallLab.TachyonPort}"];
        Assert.True(Outcome(tachyon) == "Reachable", run.ToString());
        Assert.StartsWith($"The Website names the Tachyon agent at http://127.0.0.1:{FirewallLab.TachyonPort}/: HTTP 200 OK", Detail(tachyon));
    }

    [Fact]
    public void Preflight_WebsiteDropped_TachyonFallsBackToItsLoopbackPort()
    {
        lab.Network.Firewall("tcp dport 80 drop");

        var run = lab.Preflight(lab.Estate("client-dropped", ClientEstate), "pc01.lab", timeoutMs: 1500);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(Outcome(run.Results["client-website-http 80"]) == "TimedOut", run.ToString());
        var tachyon = run.Results[$"client-tachyon-http {FirewallLab.TachyonPort}"];
        Assert.True(Outcome(tachyon) == "Reachable", run.ToString());
        Assert.StartsWith($"Discovery failed (http://web01.lab{FirewallLab.DiscoveryPath}: TimedOut:", Detail(tachyon));
        Assert.Contains($"probed the configured port http://127.0.0.1:{FirewallLab.TachyonPort}/: HTTP 200 OK", Detail(tachyon));
    }

    private const string ClientEstate = """
        {
          "name": "Lab",
          "hosts": [
            { "name": "pc01.lab", "address": "10.203.0.1", "roles": ["Client"] },
            { "name": "web01.lab", "roles": ["Website"] }
          ]
        }
        """;

    private static string Outcome(JsonElement result) => result.GetProperty("outcome").GetString()!;

    private static string Detail(JsonElement result) => result.GetProperty("detail").GetString()!;
}
