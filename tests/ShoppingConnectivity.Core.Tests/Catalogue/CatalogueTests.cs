using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Tests.Catalogue;

public class CatalogueTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;

    public static TheoryData<string, int> SeedRows()
    {
        var data = new TheoryData<string, int>();
        foreach (var row in SeedDocument.Rows) data.Add(row.Table, row.Row);
        return data;
    }

    [Fact]
    public void SeedDocument_Tables_HaveTwentySevenRowsInTheExpectedShares()
    {
        var rows = SeedDocument.Rows;

        Assert.Equal(27, rows.Count);
        var perTable = rows.GroupBy(r => r.Table).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Website"] = 4,
                ["CentralService"] = 9,
                ["AdminConsole"] = 5,
                ["Receiver"] = 3,
                ["Clients"] = 6,
            },
            perTable);
    }

    [Fact]
    public void SeedDocument_ShippedCopy_HasTheFiveTablesAndMatchesTheSharedSeed()
    {
        var shipped = SeedDocument.ReadShipped();

        Assert.False(string.IsNullOrWhiteSpace(shipped));
        foreach (var (heading, _) in SeedDocument.Tables)
        {
            Assert.Contains(heading, shipped, StringComparison.Ordinal);
        }

        // The shared master copy is only present on machines that have it; when it is, the shipped copy must not drift.
        var shared = SeedDocument.FindSharedCopy();
        if (shared is not null)
        {
            Assert.Equal(NormaliseLineEndings(File.ReadAllText(shared)), NormaliseLineEndings(shipped));
        }
    }

    [Theory]
    [MemberData(nameof(SeedRows))]
    public void Catalogue_EverySeedRow_MapsToAFlowWithItsPorts(string table, int rowNumber)
    {
        var row = Row(table, rowNumber);
        var flows = FlowsReferencing(row).ToList();

        Assert.NotEmpty(flows);
        var expectedPorts = row.PortNumbers.Count > 0
            ? row.PortNumbers
            : ExpectedPortsForRowWithoutNumbers(row);
        var flowPorts = flows.SelectMany(f => f.Ports).ToHashSet();
        Assert.All(expectedPorts, port => Assert.Contains(port, flowPorts));
    }

    [Theory]
    [MemberData(nameof(SeedRows))]
    public void Catalogue_EverySeedReference_CarriesTheRowsTraffic(string table, int rowNumber)
    {
        var row = Row(table, rowNumber);
        var references = Catalogue.Flows
            .SelectMany(f => f.Seed.Select(s => (Flow: f.Id, Seed: s)))
            .Where(x => x.Seed.Table == row.Table && x.Seed.Row == row.Row)
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, x => Assert.Equal(
            SeedDocument.NormaliseWhitespace(row.Traffic),
            SeedDocument.NormaliseWhitespace(x.Seed.Traffic)));
    }

    [Fact]
    public void Catalogue_EveryFlowSeedReference_PointsAtAnExistingRow()
    {
        var rows = SeedDocument.Rows.Select(r => (r.Table, r.Row)).ToHashSet();

        Assert.All(Catalogue.Flows, flow =>
        {
            Assert.NotEmpty(flow.Seed);
            Assert.All(flow.Seed, seed => Assert.True(
                rows.Contains((seed.Table, seed.Row)),
                $"flow '{flow.Id}' names {seed.Table} row {seed.Row}, which the seed document does not have"));
        });
    }

    [Theory]
    [InlineData(3268)]
    [InlineData(3269)]
    public void Catalogue_GlobalCatalogPort_AppearsInAFlowToTheDomainController(int port)
    {
        Assert.Contains(Catalogue.Flows, f => f.To == "DomainController" && f.Ports.Contains(port));
    }

    [Fact]
    public void Catalogue_ShippedData_PassesItsOwnValidation()
    {
        Assert.Empty(Catalogue.Validate());
        Assert.Equal(Catalogue.Flows.Count, Catalogue.Flows.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Catalogue_ConfigMgrDbSqlFlowsTheSeedTiesToRbac_AreOffWhenRbacIsUsed()
    {
        // Rows whose notes say "if the Shopping RBAC feature is not used": SQL to the site DB is replaced by WMI.
        var rbacRows = SeedDocument.Rows
            .Where(r => r.Notes.Contains("RBAC", StringComparison.Ordinal))
            .Select(r => (r.Table, r.Row))
            .ToHashSet();
        var flows = Catalogue.Flows
            .Where(f => f.To == "ConfigMgrDb" && f.Probe == "sql" && f.Seed.Any(s => rbacRows.Contains((s.Table, s.Row))))
            .ToList();

        Assert.Equal(["adminconsole-configmgrdb-sql", "central-configmgrdb-sql"], flows.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.All(flows, flow =>
        {
            Assert.True(flow.IsEnabled(Switches(("rbac", false))), $"{flow.Id} should be on without RBAC");
            Assert.False(flow.IsEnabled(Switches(("rbac", true))), $"{flow.Id} should be off with RBAC");
        });
    }

    [Fact]
    public void Catalogue_AppClarityFlow_NeedsTheAppClaritySwitch()
    {
        var flow = Flow("central-appclarity");

        Assert.Equal([8335], flow.Ports);
        Assert.True(flow.IsEnabled(Switches(("appClarity", true))));
        Assert.False(flow.IsEnabled(Switches(("appClarity", false))));
    }

    [Theory]
    [InlineData("client-pop3", 110)]
    [InlineData("client-smtp", 25)]
    public void Catalogue_ClientMailFlow_NeedsLabMail(string flowId, int port)
    {
        var flow = Flow(flowId);

        Assert.Equal([port], flow.Ports);
        Assert.True(flow.IsEnabled(Switches(("labMail", true))));
        Assert.False(flow.IsEnabled(Switches(("labMail", false))));
    }

    [Fact]
    public void Catalogue_AdminConsoleFlows_NeedAdminConsoleRemote()
    {
        var flows = Catalogue.Flows.Where(f => f.Id.StartsWith("adminconsole-", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, flows.Count);
        Assert.Equal(flows, Catalogue.Flows.Where(f => f.From == "AdminConsole"));
        Assert.All(flows, flow =>
        {
            Assert.True(flow.IsEnabled(Switches(("adminConsoleRemote", true))), $"{flow.Id} should be on for a remote console");
            Assert.False(flow.IsEnabled(Switches(("adminConsoleRemote", false))), $"{flow.Id} should be off for a local console");
        });
    }

    [Fact]
    public void Catalogue_EveryConditionMet_EveryFlowIsOn()
    {
        Assert.All(Catalogue.Flows, flow => Assert.True(flow.IsEnabled(Switches()), $"{flow.Id} should be on"));
    }

    [Fact]
    public void Catalogue_FlowWithoutConditions_IsOnWhateverTheSwitches()
    {
        var flow = Flow("website-shoppingdb-sql");

        Assert.Empty(flow.When);
        Assert.True(flow.IsEnabled(new Dictionary<string, bool>()));
        Assert.True(flow.IsEnabled(Switches(("rbac", true), ("appClarity", true), ("labMail", true), ("adminConsoleRemote", true))));
    }

    [Fact]
    public void Parse_UnknownRole_ThrowsNamingTheFlow()
    {
        var json = ShippedJson().Replace("\"to\": \"AppClarity\"", "\"to\": \"AppClarityServer\"", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => FlowCatalogue.Parse(json));

        Assert.Contains("flows['central-appclarity'].to", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AppClarityServer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateFlowId_ThrowsNamingTheFlow()
    {
        var json = ShippedJson().Replace("\"id\": \"central-pop3\"", "\"id\": \"central-smtp\"", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => FlowCatalogue.Parse(json));

        Assert.Contains("'central-smtp'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 times", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(389, "ldap")]
    [InlineData(3268, "ldap")]
    [InlineData(636, "tls")]
    [InlineData(3269, "tls")]
    [InlineData(1433, "sql")]
    [InlineData(25, "smtp")]
    [InlineData(110, "pop3")]
    [InlineData(135, "rpc")]
    [InlineData(445, "smb")]
    [InlineData(8000, "tachyon")]
    [InlineData(8335, "tcp")]
    public void Catalogue_EveryFlowOnAPort_ProbesItWithTheProtocolThatPortSpeaks(int port, string kind)
    {
        var flows = Catalogue.Flows.Where(f => f.Ports.Contains(port)).ToList();

        Assert.NotEmpty(flows);
        Assert.All(flows, f => Assert.Equal(kind, f.ProbeFor(port)));
    }

    [Fact]
    public void Catalogue_WebsiteFlows_GetTheShoppingPathAndAcceptWindowsAuthentication()
    {
        foreach (var id in new[] { "client-website-http", "receiver-website-http" })
        {
            Assert.Equal("/shopping", Flow(id).HttpPath);
            Assert.Contains("401", Flow(id).HttpExpect, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_UnknownProbeKind_ThrowsNamingFlowAndPort()
    {
        var json = ShippedJson().Replace("\"probe\": \"pop3\"", "\"probe\": \"imap\"", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => FlowCatalogue.Parse(json));

        Assert.Contains("flows['client-pop3']: port 110 has probe kind 'imap'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PortProbeForAPortTheFlowLacks_ThrowsNamingIt()
    {
        var json = ShippedJson().Replace("\"445\": \"smb\"", "\"446\": \"smb\"", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => FlowCatalogue.Parse(json));

        Assert.Contains("portProbes: '446' is not one of the flow's ports", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_EveryRole_HasItsPlaceOnTheDiagram()
    {
        Assert.All(Catalogue.Roles, r => Assert.NotNull(r.Layout));
    }

    [Theory]
    [InlineData("client-dc-ldap", "LDAP")]
    [InlineData("website-dc-gc", "GC")]
    [InlineData("central-dc-ldaps", "LDAPS")]
    [InlineData("receiver-smsprovider-wmi", "WMI")]
    [InlineData("website-shoppingdb-sql", "SQL")]
    public void Flow_ShortName_IsTheProtocolAsTheDiagramNamesIt(string id, string name)
    {
        Assert.Equal(name, Flow(id).ShortName);
    }

    [Fact]
    public void Flow_WithoutLabel_ShortNameIsItsProbeKind()
    {
        Assert.Equal("POP3", (Flow("client-pop3") with { Label = null }).ShortName);
    }

    [Fact]
    public void Parse_TwoRolesInOneLayoutCell_ThrowsNamingBoth()
    {
        var catalogue = Catalogue with { Roles = Catalogue.Roles.Select(r => r.Id == "AppClarity" ? r with { Layout = Catalogue.FindRole("ActiveEfficiency")!.Layout } : r).ToList() };

        var errors = catalogue.Validate();

        Assert.Contains(errors, e => e.Contains("'ActiveEfficiency', 'AppClarity'", StringComparison.Ordinal) && e.Contains("share the layout cell", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RoleIdWithAQuote_NamesTheRole()
    {
        var catalogue = Catalogue with { Roles = [.. Catalogue.Roles, new RoleDefinition("Bad\"Role", "Bad", "dependency", false)] };

        Assert.Contains("roles['Bad\"Role'].id: must start with a letter and hold only letters and digits", catalogue.Validate());
    }

    [Fact]
    public void Parse_LayoutOutsideTheGrid_ThrowsNamingTheRole()
    {
        var json = ShippedJson().Replace("\"column\": 10,", "\"column\": -1,", StringComparison.Ordinal);

        var ex = Assert.Throws<InvalidDataException>(() => FlowCatalogue.Parse(json));

        Assert.Contains("roles['ActiveEfficiency'].layout: column and row must lie between 0 and 20", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShippedJson_GivesTheDefaultCatalogue()
    {
        var parsed = FlowCatalogue.Parse(ShippedJson());

        Assert.Equal(Catalogue.Version, parsed.Version);
        Assert.Equal(Catalogue.Flows.Select(f => f.Id), parsed.Flows.Select(f => f.Id));
    }

    private static SeedRow Row(string table, int row) =>
        Assert.Single(SeedDocument.Rows, r => r.Table == table && r.Row == row);

    private static IEnumerable<Flow> FlowsReferencing(SeedRow row) =>
        Catalogue.Flows.Where(f => f.Seed.Any(s => s.Table == row.Table && s.Row == row.Row));

    /// <summary>Only the clients' "SMTP and POP3" row names no port number: the well-known ports apply.</summary>
    private static IReadOnlyList<int> ExpectedPortsForRowWithoutNumbers(SeedRow row)
    {
        Assert.Equal("SMTP and POP3", row.Port);
        return [25, 110];
    }

    private static Flow Flow(string id) => Catalogue.FindFlow(id) ?? throw new InvalidOperationException($"No flow {id}");

    /// <summary>
    /// Switch values under which every flow is on (no RBAC, AppClarity, lab mail, remote console),
    /// with <paramref name="values"/> applied on top, so a test changes only the switch it is about.
    /// </summary>
    private static Dictionary<string, bool> Switches(params (string Id, bool Value)[] values)
    {
        var switches = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["rbac"] = false,
            ["appClarity"] = true,
            ["labMail"] = true,
            ["adminConsoleRemote"] = true,
        };
        Assert.Equal(Catalogue.Switches.Select(s => s.Id).Order(StringComparer.Ordinal), switches.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, value) in values) switches[id] = value;
        return switches;
    }

    private static string ShippedJson()
    {
        using var stream = typeof(FlowCatalogue).Assembly.GetManifestResourceStream("ShoppingConnectivity.Core.catalogue.json")
            ?? throw new InvalidOperationException("catalogue.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string NormaliseLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
