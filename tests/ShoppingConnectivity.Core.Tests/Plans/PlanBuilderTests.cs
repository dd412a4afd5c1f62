using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Core.Tests.Plans;

public class PlanBuilderTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly ProbeDefaults Defaults = ProbeDefaults.Standard;

    private static readonly EstateHost App = Host("app01", "10.0.0.5", ["Website", "CentralService"]);
    private static readonly EstateHost Sql = Host("sql01", "10.0.0.20", ["ShoppingDb"]);

    [Fact]
    public void ProbesFor_WebsiteAndCentralHost_ProbeTheShoppingDbOnSqlPort()
    {
        var estate = Estate([App, Sql]);

        var probes = PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults);

        foreach (var flowId in new[] { "website-shoppingdb-sql", "central-shoppingdb-sql" })
        {
            var probe = Assert.Single(probes, p => p.FlowId == flowId);
            Assert.Equal($"{flowId}/sql01/1433", probe.ProbeId);
            Assert.Equal("sql", probe.Kind);
            Assert.Equal("sql01", probe.TargetHost);
            Assert.Equal("10.0.0.20", probe.Address);
            Assert.Equal(1433, probe.Port);
            Assert.Equal(Defaults.TimeoutMs, probe.TimeoutMs);
            Assert.Equal(Defaults.IntervalSeconds, probe.IntervalSeconds);
        }
    }

    [Fact]
    public void ProbesFor_TargetWithoutAddress_UsesItsName()
    {
        var sql = Host("sql01", null, ["ShoppingDb"]);

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, sql]), App, Defaults);

        Assert.All(probes.Where(p => p.TargetHost == "sql01"), p => Assert.Equal("sql01", p.Address));
    }

    [Fact]
    public void ProbesFor_HostPortOverrideOnTarget_ChangesThePort()
    {
        var sql = Host("sql01", "10.0.0.20", ["ShoppingDb"], ("shoppingDbSql", 14330));
        var estate = Estate([App, sql], ports: [("shoppingDbSql", 15000)]); // the host's own setting wins

        var probes = PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults);

        Assert.Equal(14330, Assert.Single(probes, p => p.FlowId == "website-shoppingdb-sql").Port);
        Assert.Equal(14330, Assert.Single(probes, p => p.FlowId == "central-shoppingdb-sql").Port);
        Assert.Equal("website-shoppingdb-sql/sql01/14330", Assert.Single(probes, p => p.FlowId == "website-shoppingdb-sql").ProbeId);
    }

    [Fact]
    public void ProbesFor_EstatePortOverride_AppliesToTargetsWithoutTheirOwn()
    {
        var sql2 = Host("sql02", "10.0.0.21", ["ShoppingDb"], ("shoppingDbSql", 14330));
        var estate = Estate([App, Sql, sql2], ports: [("shoppingDbSql", 15000)]);

        var probes = PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults)
            .Where(p => p.FlowId == "website-shoppingdb-sql")
            .ToDictionary(p => p.TargetHost, p => p.Port);

        Assert.Equal(new Dictionary<string, int> { ["sql01"] = 15000, ["sql02"] = 14330 }, probes);
    }

    [Fact]
    public void ProbesFor_PortOverrideOnTheSourceHost_DoesNotMoveRemoteProbes()
    {
        var app = Host("app01", "10.0.0.5", ["Website", "CentralService"], ("shoppingDbSql", 14330));

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([app, Sql]), app, Defaults);

        Assert.Equal(1433, Assert.Single(probes, p => p.FlowId == "website-shoppingdb-sql").Port);
    }

    [Fact]
    public void ProbesFor_FlowWithoutPortSetting_IgnoresOverrides()
    {
        var dc = Host("dc01", "10.0.0.2", ["DomainController"], ("websiteHttp", 8080));
        var estate = Estate([App, dc], ports: [("websiteHttp", 8081)]);

        var probes = PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults).Where(p => p.FlowId == "website-dc-ldaps");

        Assert.Equal([636, 3269], probes.Select(p => p.Port).Order());
    }

    [Fact]
    public void ProbesFor_MultiPortFlow_GivesOneProbePerPort()
    {
        var dc = Host("dc01", "10.0.0.2", ["DomainController"]);

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, dc]), App, Defaults);

        Assert.Equal(
            ["website-dc-ldaps/dc01/3269", "website-dc-ldaps/dc01/636"],
            probes.Where(p => p.FlowId == "website-dc-ldaps").Select(p => p.ProbeId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ProbesFor_ClientHost_ProbesTachyonOnLoopbackPort8000()
    {
        var client = Host("pc0001", "10.1.0.1", ["Client"]);

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, client]), client, Defaults);

        var tachyon = Assert.Single(probes, p => p.FlowId == "client-tachyon-http");
        Assert.Equal(PlanBuilder.LoopbackAddress, tachyon.Address);
        Assert.Equal("127.0.0.1", tachyon.Address);
        Assert.Equal(8000, tachyon.Port);
        Assert.Equal("pc0001", tachyon.TargetHost);
        Assert.Equal("tachyon", tachyon.Kind);
    }

    [Fact]
    public void ProbesFor_TachyonLoopbackOverrideOnTheClient_ChangesThePort()
    {
        var client = Host("pc0001", null, ["Client"], ("tachyonLoopback", 8123));
        var estate = Estate([client], ports: [("tachyonLoopback", 8200)]);

        var tachyon = Assert.Single(PlanBuilder.ProbesFor(Catalogue, estate, client, Defaults), p => p.FlowId == "client-tachyon-http");

        Assert.Equal(8123, tachyon.Port);
        Assert.Equal("127.0.0.1", tachyon.Address);
    }

    [Fact]
    public void ProbesFor_TachyonLoopbackOverrideOnTheEstate_ChangesThePort()
    {
        var client = Host("pc0001", null, ["Client"]);
        var estate = Estate([client], ports: [("tachyonLoopback", 8200)]);

        var tachyon = Assert.Single(PlanBuilder.ProbesFor(Catalogue, estate, client, Defaults), p => p.FlowId == "client-tachyon-http");

        Assert.Equal(8200, tachyon.Port);
    }

    [Fact]
    public void ProbesFor_LoopbackFlow_NeedsNoTargetHostInTheEstate()
    {
        var client = Host("pc0001", null, ["Client"]);

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([client]), client, Defaults);

        Assert.Equal("client-tachyon-http", Assert.Single(probes).FlowId);
    }

    [Fact]
    public void ProbesFor_FlowsWithoutTargetHostInTheEstate_GiveNoProbes()
    {
        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App]), App, Defaults);

        Assert.Empty(probes);
    }

    [Fact]
    public void ProbesFor_HostWithoutSourceRole_GivesNoProbes()
    {
        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, Sql]), Sql, Defaults);

        Assert.Empty(probes);
    }

    [Theory]
    [InlineData("appClarity", true, "central-appclarity", true)]
    [InlineData("appClarity", false, "central-appclarity", false)]
    [InlineData("rbac", false, "central-configmgrdb-sql", true)]
    [InlineData("rbac", true, "central-configmgrdb-sql", false)]
    [InlineData("labMail", true, "central-pop3", true)]
    [InlineData("labMail", false, "central-pop3", false)]
    public void ProbesFor_Switch_TurnsFlowProbesOnOrOff(string switchId, bool value, string flowId, bool expectProbes)
    {
        var targets = new[]
        {
            Host("ac01", null, ["AppClarity"]),
            Host("cmdb01", null, ["ConfigMgrDb"]),
            Host("pop01", null, ["Pop3Server"]),
        };
        var estate = Estate([App, .. targets], switches: [(switchId, value)]);

        var probes = PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults);

        Assert.Equal(expectProbes, probes.Any(p => p.FlowId == flowId));
    }

    [Fact]
    public void ProbesFor_AdminConsoleNotRemote_GivesNoProbes()
    {
        var console = Host("admin01", null, ["AdminConsole"]);
        var everything = EveryDependency();

        var local = PlanBuilder.ProbesFor(Catalogue, Estate([console, .. everything], switches: [("adminConsoleRemote", false)]), console, Defaults);
        var remote = PlanBuilder.ProbesFor(Catalogue, Estate([console, .. everything], switches: [("adminConsoleRemote", true)]), console, Defaults);

        Assert.Empty(local);
        Assert.NotEmpty(remote);
    }

    [Fact]
    public void ProbesFor_FullEstate_ProbeIdsAreUnique()
    {
        var hosts = new List<EstateHost>
        {
            App,
            Host("app02", null, ["Website", "CentralService", "AdminConsole"]),
            Host("rcv01", null, ["Receiver", "SmsProvider"]),
            Host("rcv02", null, ["Receiver", "SmsProvider", "ConfigMgrDb"]),
            Host("pc0001", null, ["Client"]),
            Host("pc0002", null, ["Client", "AdminConsole"]),
        };
        hosts.AddRange(EveryDependency());
        var estate = Estate(hosts, switches: [("rbac", false), ("appClarity", true), ("labMail", true), ("adminConsoleRemote", true)]);

        foreach (var source in hosts)
        {
            var ids = PlanBuilder.ProbesFor(Catalogue, estate, source, Defaults).Select(p => p.ProbeId).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.All(ids, id => Assert.Equal(id, id.ToLowerInvariant()));
        }
    }

    [Fact]
    public void ProbesFor_EveryProbe_BelongsToItsFlow()
    {
        var hosts = new List<EstateHost> { App, Host("pc0001", null, ["Client"]), Host("rcv01", null, ["Receiver"]) };
        hosts.AddRange(EveryDependency());
        var estate = Estate(hosts);

        var probes = hosts.SelectMany(h => PlanBuilder.ProbesFor(Catalogue, estate, h, Defaults)).ToList();

        Assert.NotEmpty(probes);
        Assert.All(probes, p =>
        {
            var flow = Assert.IsType<Flow>(Catalogue.FindFlow(p.FlowId));
            Assert.StartsWith(p.FlowId + "/", p.ProbeId, StringComparison.Ordinal);
            Assert.Equal(flow.ProbeFor(p.Port), p.Kind);
            Assert.True(ProbeKinds.IsKnown(p.Kind), p.Kind);
        });
    }

    [Fact]
    public void PlanFor_Host_CarriesAgentHostAndProbes()
    {
        var estate = Estate([App, Sql]);

        var plan = PlanBuilder.PlanFor(Catalogue, estate, App, "agent-1", Defaults);

        Assert.Equal("agent-1", plan.AgentId);
        Assert.Equal("app01", plan.HostName);
        Assert.Equal(PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults), plan.Probes);
        Assert.Equal(PlanBuilder.VersionOf(Catalogue, plan.Probes), plan.Version);
    }

    [Fact]
    public void PlanFor_WithReporting_CarriesThePolicyAndVersionsIt()
    {
        var estate = Estate([App, Sql]);

        var without = PlanBuilder.PlanFor(Catalogue, estate, App, "agent-1", Defaults);
        var with = PlanBuilder.PlanFor(Catalogue, estate, App, "agent-1", Defaults, probes => Reporting.PolicyFor(probes, 3, _ => 3));
        var stricter = PlanBuilder.PlanFor(Catalogue, estate, App, "agent-1", Defaults, probes => Reporting.PolicyFor(probes, 2, _ => 3));

        Assert.Null(without.Reporting);
        Assert.Equal(new ReportPolicy(Defaults.IntervalSeconds, 3), with.Reporting);
        // A plan without a policy keeps its earlier version; a policy, or a change of it, makes a new one.
        Assert.Equal(PlanBuilder.VersionOf(Catalogue, without.Probes), without.Version);
        Assert.NotEqual(without.Version, with.Version);
        Assert.NotEqual(with.Version, stricter.Version);
    }

    [Fact]
    public void VersionOf_EqualPlans_GiveTheSameVersion()
    {
        var first = PlanBuilder.PlanFor(Catalogue, Estate([App, Sql]), App, "agent-1", Defaults);
        var second = PlanBuilder.PlanFor(Catalogue, Estate([App, Host("sql01", "10.0.0.20", ["ShoppingDb"])]), App, "agent-2", Defaults);

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(16, first.Version.Length);
        Assert.Matches("^[0-9a-f]{16}$", first.Version);
    }

    [Fact]
    public void VersionOf_PortOverrideAdded_ChangesTheVersion()
    {
        var before = PlanBuilder.PlanFor(Catalogue, Estate([App, Sql]), App, "agent-1", Defaults);
        var after = PlanBuilder.PlanFor(Catalogue, Estate([App, Sql], ports: [("shoppingDbSql", 14330)]), App, "agent-1", Defaults);

        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public void VersionOf_NewTargetHost_ChangesTheVersion()
    {
        var before = PlanBuilder.PlanFor(Catalogue, Estate([App, Sql]), App, "agent-1", Defaults);
        var after = PlanBuilder.PlanFor(Catalogue, Estate([App, Sql, Host("dc01", null, ["DomainController"])]), App, "agent-1", Defaults);

        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public void VersionOf_TargetHostRenamedInCaseOnly_ChangesTheVersion()
    {
        // The probe id lower-cases the host, so only TargetHost itself tells the two plans apart.
        var before = PlanBuilder.PlanFor(Catalogue, Estate([App, Sql]), App, "agent-1", Defaults);
        var after = PlanBuilder.PlanFor(Catalogue, Estate([App, Host("SQL01", "10.0.0.20", ["ShoppingDb"])]), App, "agent-1", Defaults);

        Assert.Equal(before.Probes.Select(p => p.ProbeId), after.Probes.Select(p => p.ProbeId));
        Assert.NotEqual(before.Version, after.Version);
    }

    public static TheoryData<string> ProbeChanges() => [.. Changes.Keys];

    private static readonly Dictionary<string, Func<PlannedProbe, PlannedProbe>> Changes = new(StringComparer.Ordinal)
    {
        ["ProbeId"] = p => p with { ProbeId = p.ProbeId + "x" },
        ["FlowId"] = p => p with { FlowId = "central-shoppingdb-sql" },
        ["Kind"] = p => p with { Kind = "tcp" },
        ["TargetHost"] = p => p with { TargetHost = "SQL01" },
        ["Address"] = p => p with { Address = "10.0.0.21" },
        ["Port"] = p => p with { Port = 14330 },
        ["TimeoutMs"] = p => p with { TimeoutMs = p.TimeoutMs + 1 },
        ["IntervalSeconds"] = p => p with { IntervalSeconds = p.IntervalSeconds + 1 },
        ["HttpPath"] = p => p with { HttpPath = "/other" },
        ["ExpectStatus"] = p => p with { ExpectStatus = "200" },
        ["DiscoveryUrl"] = p => p with { DiscoveryUrl = "http://web01/x" },
        ["RpcDynamicPorts"] = p => p with { RpcDynamicPorts = "5000-5100" },
    };

    [Theory]
    [MemberData(nameof(ProbeChanges))]
    public void VersionOf_AnyProbeFieldChanged_ChangesTheVersion(string field)
    {
        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, Sql]), App, Defaults).ToList();
        var before = PlanBuilder.VersionOf(Catalogue, probes);

        probes[0] = Changes[field](probes[0]);

        Assert.NotEqual(before, PlanBuilder.VersionOf(Catalogue, probes));
    }

    [Fact]
    public void VersionOf_SameProbesTwice_IsStable()
    {
        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, Sql]), App, Defaults);

        Assert.Equal(PlanBuilder.VersionOf(Catalogue, probes), PlanBuilder.VersionOf(Catalogue, [.. probes]));
    }

    [Fact]
    public void ProbesFor_WmiFlow_BindsTheEndpointMapperOn135AndNegotiatesSmbOn445()
    {
        var estate = Estate([App, .. EveryDependency()]);

        var probes = PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults).Where(p => p.FlowId == "central-smsprovider-wmi").ToList();

        Assert.Equal(ProbeKinds.Rpc, Assert.Single(probes, p => p.Port == 135).Kind);
        Assert.Equal(ProbeKinds.Smb, Assert.Single(probes, p => p.Port == 445).Kind);
    }

    [Fact]
    public void ProbesFor_RpcProbe_CarriesTheTargetsRangeHostOverrideFirst()
    {
        var cm01 = Host("cm01", null, ["SmsProvider"]);
        var cm02 = Host("cm02", null, ["SmsProvider"]) with { RpcDynamicPorts = new RpcPortRange(5000, 5100) };
        var estate = Estate([App, cm01, cm02]) with { RpcDynamicPorts = new RpcPortRange(10000, 20000) };

        var probes = PlanBuilder.ProbesFor(Catalogue, estate, App, Defaults).Where(p => p.FlowId == "central-smsprovider-wmi").ToList();

        Assert.Equal("10000-20000", Assert.Single(probes, p => p.Kind == ProbeKinds.Rpc && p.TargetHost == "cm01").RpcDynamicPorts);
        Assert.Equal("5000-5100", Assert.Single(probes, p => p.Kind == ProbeKinds.Rpc && p.TargetHost == "cm02").RpcDynamicPorts);
        Assert.All(probes.Where(p => p.Kind != ProbeKinds.Rpc), p => Assert.Null(p.RpcDynamicPorts));
    }

    [Fact]
    public void ProbesFor_NoRangeSet_RpcProbeLeavesItToWindowsDefault()
    {
        var cm01 = Host("cm01", null, ["SmsProvider"]);

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, cm01]), App, Defaults);

        Assert.Null(Assert.Single(probes, p => p.Kind == ProbeKinds.Rpc).RpcDynamicPorts);
        Assert.All(probes, p => Assert.Null(p.RpcDynamicPorts));
    }

    [Fact]
    public void ProbesFor_RangeOnAHostThatIsNotARpcTarget_ChangesNoProbe()
    {
        var sql = Sql with { RpcDynamicPorts = new RpcPortRange(5000, 5100) };

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, sql]), App, Defaults);

        Assert.All(probes, p => Assert.Null(p.RpcDynamicPorts));
    }

    [Fact]
    public void VersionOf_TargetRangeChanged_ChangesTheVersion()
    {
        var cm01 = Host("cm01", null, ["SmsProvider"]);
        var before = PlanBuilder.PlanFor(Catalogue, Estate([App, cm01]), App, "agent-1", Defaults);

        var after = PlanBuilder.PlanFor(Catalogue, Estate([App, cm01 with { RpcDynamicPorts = new RpcPortRange(5000, 5100) }]), App, "agent-1", Defaults);

        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public void VersionOf_NoRangeSet_KeepsTheVersionOfAPlanWithoutTheField()
    {
        // Computed as before the field existed, so upgrading central does not hand every agent a new plan.
        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, Host("cm01", null, ["SmsProvider"])]), App, Defaults);
        var text = new System.Text.StringBuilder(Catalogue.Version);
        foreach (var p in probes)
        {
            text.Append('|').Append(p.ProbeId).Append(';').Append(p.FlowId).Append(';').Append(p.Kind)
                .Append(';').Append(p.TargetHost).Append(';').Append(p.Address).Append(';').Append(p.Port)
                .Append(';').Append(p.TimeoutMs).Append(';').Append(p.IntervalSeconds)
                .Append(';').Append(p.HttpPath).Append(';').Append(p.ExpectStatus).Append(';').Append(p.DiscoveryUrl);
        }

        var before = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..16];

        Assert.Equal(before, PlanBuilder.VersionOf(Catalogue, probes));
    }

    [Fact]
    public void ProbesFor_HttpFlow_CarriesPathAndExpectedStatuses()
    {
        var web = Host("web01", "10.0.0.8", ["Website"], ("websiteHttp", 8080));
        var receiver = Host("rcv01", null, ["Receiver"]);

        var probe = Assert.Single(PlanBuilder.ProbesFor(Catalogue, Estate([web, receiver]), receiver, Defaults), p => p.FlowId == "receiver-website-http");

        Assert.Equal(ProbeKinds.Http, probe.Kind);
        Assert.Equal("/shopping", probe.HttpPath);
        Assert.Equal(8080, probe.Port);
        Assert.Contains("401", probe.ExpectStatus);
        Assert.Null(probe.DiscoveryUrl);
    }

    [Fact]
    public void ProbesFor_TachyonFlow_AsksTheWebsiteOnItsPortForTheLoopbackUrl()
    {
        var web = Host("web01", "10.0.0.8", ["Website"], ("websiteHttp", 8080));
        var client = Host("pc0001", null, ["Client"]);

        var probe = Assert.Single(PlanBuilder.ProbesFor(Catalogue, Estate([web, client]), client, Defaults), p => p.FlowId == "client-tachyon-http");

        Assert.Equal(ProbeKinds.Tachyon, probe.Kind);
        Assert.Equal("127.0.0.1", probe.Address);
        Assert.Equal("http://10.0.0.8:8080/shopping/WindowsServicingAssistant/GetTachyonAgentUrl", probe.DiscoveryUrl);
    }

    [Fact]
    public void ProbesFor_TachyonFlowWithoutWebsite_ProbesTheConfiguredPortWithoutDiscovery()
    {
        var client = Host("pc0001", null, ["Client"], ("tachyonLoopback", 8001));

        var probe = Assert.Single(PlanBuilder.ProbesFor(Catalogue, Estate([client]), client, Defaults), p => p.FlowId == "client-tachyon-http");

        Assert.Null(probe.DiscoveryUrl);
        Assert.Equal(8001, probe.Port);
    }

    [Fact]
    public void ProbesFor_FlowWithOwnSettings_TakesItsTimeoutAndIntervalOthersKeepTheDefaults()
    {
        var defaults = new ProbeDefaults(3000, 60, new Dictionary<string, FlowProbeSettings>
        {
            ["website-shoppingdb-sql"] = new(TimeoutMs: 1500, IntervalSeconds: 300),
            ["central-shoppingdb-sql"] = new(TimeoutMs: null, IntervalSeconds: 30),
        });

        var probes = PlanBuilder.ProbesFor(Catalogue, Estate([App, Sql]), App, defaults);

        var website = Assert.Single(probes, p => p.FlowId == "website-shoppingdb-sql");
        Assert.Equal((1500, 300), (website.TimeoutMs, website.IntervalSeconds));
        var central = Assert.Single(probes, p => p.FlowId == "central-shoppingdb-sql");
        Assert.Equal((3000, 30), (central.TimeoutMs, central.IntervalSeconds));
        Assert.All(probes.Where(p => !p.FlowId.EndsWith("shoppingdb-sql", StringComparison.Ordinal)),
            p => Assert.Equal((3000, 60), (p.TimeoutMs, p.IntervalSeconds)));
    }

    private static EstateHost Host(string name, string? address, string[] roles, params (string Setting, int Port)[] ports) =>
        new(name, address, roles, ports.ToDictionary(p => p.Setting, p => p.Port, StringComparer.Ordinal));

    /// <summary>One host for each role no agent runs on, so every flow has a target.</summary>
    private static IEnumerable<EstateHost> EveryDependency() =>
        Catalogue.Roles.Where(r => !r.RunsAgent).Select(r => Host(r.Id.ToLowerInvariant() + "01", null, [r.Id]));

    private static Estate Estate(
        IReadOnlyList<EstateHost> hosts,
        (string Id, bool Value)[]? switches = null,
        (string Setting, int Port)[]? ports = null)
    {
        var switchValues = Catalogue.Switches.ToDictionary(s => s.Id, s => s.Default, StringComparer.Ordinal);
        foreach (var (id, value) in switches ?? []) switchValues[id] = value;
        return new Estate(
            "Test",
            switchValues,
            (ports ?? []).ToDictionary(p => p.Setting, p => p.Port, StringComparer.Ordinal),
            hosts);
    }
}
