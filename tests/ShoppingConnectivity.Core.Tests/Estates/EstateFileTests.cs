using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

public class EstateFileTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;

    private const string ContosoJson = """
        {
          // comments and trailing commas are allowed
          "name": "Contoso",
          "switches": { "rbac": true, "labMail": false },
          "ports": { "websiteHttp": 8080 },
          "rpcDynamicPorts": "49152-65535",
          "hosts": [
            { "name": "app01", "address": "10.0.0.5", "roles": ["Website", "CentralService"] },
            { "name": "sql01", "roles": ["ShoppingDb", "ConfigMgrDb"], "ports": { "shoppingDbSql": 14330 } },
            { "name": "dc01", "roles": ["DomainController"], "rpcDynamicPorts": "5000-5100" },
          ]
        }
        """;

    private const string ContosoYaml = """
        # the same estate as ContosoJson
        name: Contoso
        switches:
          rbac: true
          labMail: false
        ports:
          websiteHttp: 8080
        rpcDynamicPorts: 49152-65535
        hosts:
          - name: app01
            address: 10.0.0.5
            roles: [Website, CentralService]
          - name: sql01
            roles:
              - ShoppingDb
              - ConfigMgrDb
            ports:
              shoppingDbSql: 14330
          - name: dc01
            roles: [DomainController]
            rpcDynamicPorts: 5000-5100
        """;

    [Fact]
    public void Parse_ValidJson_GivesTheEstate()
    {
        var estate = ParseOk(ContosoJson, "contoso.json");

        Assert.Equal("Contoso", estate.Name);
        Assert.True(estate.Switches["rbac"]);
        Assert.False(estate.Switches["labMail"]);
        Assert.Equal(8080, estate.Ports["websiteHttp"]);
        Assert.Equal(["app01", "sql01", "dc01"], estate.Hosts.Select(h => h.Name));
        var app = Assert.IsType<EstateHost>(estate.FindHost("APP01"));
        Assert.Equal("10.0.0.5", app.EffectiveAddress);
        Assert.Equal(["Website", "CentralService"], app.Roles);
        var sql = Assert.IsType<EstateHost>(estate.FindHost("sql01"));
        Assert.Null(sql.Address);
        Assert.Equal("sql01", sql.EffectiveAddress);
        Assert.Equal(14330, sql.Ports["shoppingDbSql"]);
    }

    [Fact]
    public void Parse_SwitchesLeftOut_TakeTheCatalogueDefaults()
    {
        var estate = ParseOk(ContosoJson, "contoso.json");

        Assert.Equal(Catalogue.Switches.Select(s => s.Id).Order(StringComparer.Ordinal), estate.Switches.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Catalogue.Switches.Single(s => s.Id == "appClarity").Default, estate.Switches["appClarity"]);
        Assert.Equal(Catalogue.Switches.Single(s => s.Id == "adminConsoleRemote").Default, estate.Switches["adminConsoleRemote"]);
    }

    [Theory]
    [InlineData("contoso.yaml")]
    [InlineData("contoso.yml")]
    [InlineData("CONTOSO.YAML")]
    public void Parse_SameEstateInYaml_EqualsTheJsonEstate(string yamlFileName)
    {
        var fromJson = ParseOk(ContosoJson, "contoso.json");
        var fromYaml = ParseOk(ContosoYaml, yamlFileName);

        AssertSameEstate(fromJson, fromYaml);
    }

    [Fact]
    public void ToJson_ParsedEstate_RoundTrips()
    {
        var original = ParseOk(ContosoJson, "contoso.json");

        var json = EstateFile.ToJson(original);
        var again = ParseOk(json, "written.json");

        AssertSameEstate(original, again);
        Assert.Equal(json, EstateFile.ToJson(again));
    }

    [Fact]
    public void Parse_UnknownRole_NamesHostAndField()
    {
        var errors = ParseErrors("""
            { "name": "e", "hosts": [
              { "name": "app01", "roles": ["Website"] },
              { "name": "sql01", "roles": ["SqlServer"] } ] }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith("hosts[1] (sql01).roles[0]: unknown role 'SqlServer'", error, StringComparison.Ordinal);
        Assert.Contains("ShoppingDb", error, StringComparison.Ordinal); // lists the known roles
    }

    [Theory]
    [InlineData("app01")]
    [InlineData("APP01")]
    public void Parse_DuplicateHost_NamesTheSecondEntry(string secondName)
    {
        var errors = ParseErrors($$"""
            { "name": "e", "hosts": [
              { "name": "app01", "roles": ["Website"] },
              { "name": "{{secondName}}", "roles": ["CentralService"] } ] }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith($"hosts[1] ({secondName}).name:", error, StringComparison.Ordinal);
        Assert.Contains("listed twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HostPortOutOfRange_NamesHostAndPortSetting()
    {
        var errors = ParseErrors("""
            { "name": "e", "hosts": [ { "name": "sql01", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": 70000 } } ] }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith("hosts[0] (sql01).ports.shoppingDbSql: port 70000", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(70000)]
    public void Parse_EstatePortOutOfRange_NamesThePortSetting(int port)
    {
        var errors = ParseErrors($$"""
            { "name": "e", "ports": { "websiteHttp": {{port}} }, "hosts": [ { "name": "app01", "roles": ["Website"] } ] }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith($"ports.websiteHttp: port {port} is outside 1-65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RpcDynamicPorts_EstateSettingAndHostOverride()
    {
        var estate = ParseOk(ContosoJson, "contoso.json");

        Assert.Equal(new RpcPortRange(49152, 65535), estate.RpcDynamicPorts);
        Assert.Null(estate.FindHost("app01")!.RpcDynamicPorts);
        Assert.Equal(new RpcPortRange(5000, 5100), estate.FindHost("dc01")!.RpcDynamicPorts);
    }

    [Fact]
    public void Parse_RpcDynamicPortsLeftOut_IsNotSet()
    {
        var estate = ParseOk("""{ "name": "e", "hosts": [ { "name": "app01", "roles": ["Website"] } ] }""", "estate.json");

        Assert.Null(estate.RpcDynamicPorts);
        Assert.Null(estate.Hosts[0].RpcDynamicPorts);
    }

    [Theory]
    [InlineData("49152", "'49152' is not a port range (low-high with 1025 <= low <= high <= 65535; Windows' default is 49152-65535).")]
    [InlineData("", "'' is not a port range (low-high with 1025 <= low <= high <= 65535; Windows' default is 49152-65535).")]
    [InlineData("high-low", "'high-low' is not a port range (low-high with 1025 <= low <= high <= 65535; Windows' default is 49152-65535).")]
    [InlineData("6000-5000", "'6000-5000' starts above its end (low-high with 1025 <= low <= high <= 65535; Windows' default is 49152-65535).")]
    [InlineData("135-5000", "'135-5000' is outside 1025-65535 (Windows gives dynamic RPC ports above 1024).")]
    [InlineData("49152-70000", "'49152-70000' is outside 1025-65535 (Windows gives dynamic RPC ports above 1024).")]
    public void Parse_EstateRpcDynamicPortsWrong_NamesTheFieldAndTheRule(string range, string message)
    {
        var errors = ParseErrors($$"""
            { "name": "e", "rpcDynamicPorts": "{{range}}", "hosts": [ { "name": "app01", "roles": ["Website"] } ] }
            """);

        Assert.Equal($"rpcDynamicPorts: {message}", Assert.Single(errors));
    }

    [Fact]
    public void Parse_HostRpcDynamicPortsWrong_NamesHostAndField()
    {
        var result = EstateFile.Parse("""
            { "name": "e", "hosts": [ { "name": "cm01", "roles": ["SmsProvider"], "rpcDynamicPorts": "1024-5000" } ] }
            """, "estate.json", Catalogue);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("hosts[0] (cm01).rpcDynamicPorts: '1024-5000' is outside 1025-65535 (Windows gives dynamic RPC ports above 1024).", problem.Text);
        Assert.Equal((0, "rpcDynamicPorts"), (problem.HostIndex, problem.FormField));
    }

    [Fact]
    public void Parse_RpcDynamicPortsAsNumberInYaml_ReportsTheRule()
    {
        var errors = ParseErrors("name: e\nrpcDynamicPorts: 5000\nhosts:\n  - name: cm01\n    roles: [SmsProvider]\n", "estate.yaml");

        Assert.StartsWith("rpcDynamicPorts: '5000' is not a port range", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPortSetting_NamesHostAndSetting()
    {
        var errors = ParseErrors("""
            { "name": "e", "hosts": [ { "name": "app01", "roles": ["Website"], "ports": { "iisPort": 8080 } } ] }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith("hosts[0] (app01).ports.iisPort: unknown port setting", error, StringComparison.Ordinal);
        Assert.Contains("websiteHttp", error, StringComparison.Ordinal); // lists the known settings
    }

    [Fact]
    public void Parse_UnknownSwitch_NamesTheSwitch()
    {
        var errors = ParseErrors("""
            { "name": "e", "switches": { "exchange": true }, "hosts": [ { "name": "app01", "roles": ["Website"] } ] }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith("switches.exchange: unknown switch", error, StringComparison.Ordinal);
        Assert.Contains("labMail", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EstateWithoutName_NamesTheNameField()
    {
        var errors = ParseErrors("""
            { "hosts": [ { "name": "app01", "roles": ["Website"] } ] }
            """);

        Assert.Equal("name: the estate needs a name.", Assert.Single(errors));
    }

    [Theory]
    [InlineData("""{ "roles": ["Website"] }""")]
    [InlineData("""{ "name": " ", "roles": ["Website"] }""")]
    public void Parse_HostWithoutName_NamesItsIndex(string host)
    {
        var errors = ParseErrors($$"""
            { "name": "e", "hosts": [ { "name": "app01", "roles": ["Website"] }, {{host}} ] }
            """);

        Assert.Equal("hosts[1].name: every host needs a name.", Assert.Single(errors));
    }

    [Fact]
    public void Parse_InvalidHostName_NamesHostAndField()
    {
        var errors = ParseErrors("""
            { "name": "e", "hosts": [ { "name": "app_01!", "roles": ["Website"] } ] }
            """);

        Assert.StartsWith("hosts[0] (app_01!).name: 'app_01!' is not a valid host name", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AddressWithSpaces_NamesHostAndField()
    {
        var errors = ParseErrors("""
            { "name": "e", "hosts": [ { "name": "app01", "address": "10.0.0.5 10.0.0.6", "roles": ["Website"] } ] }
            """);

        Assert.StartsWith("hosts[0] (app01).address:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "app01" }""")]
    [InlineData("""{ "name": "app01", "roles": [] }""")]
    public void Parse_HostWithNoRoles_NamesHostAndField(string host)
    {
        var errors = ParseErrors($$"""{ "name": "e", "hosts": [ {{host}} ] }""");

        Assert.StartsWith("hosts[0] (app01).roles: a host needs at least one role", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoHostsList_NamesTheHostsField()
    {
        var errors = ParseErrors("""{ "name": "e" }""");

        Assert.Equal("hosts: the estate lists no hosts.", Assert.Single(errors));
    }

    [Fact]
    public void Parse_MalformedJson_ReportsFileAndLine()
    {
        const string Json = "{\n  \"name\": \"e\"\n  \"hosts\": []\n}\n"; // missing comma at the end of line 2

        var errors = ParseErrors(Json, "broken.json");

        var error = Assert.Single(errors);
        Assert.StartsWith("broken.json: not valid estate JSON", error, StringComparison.Ordinal);
        Assert.Contains("(line 3)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PortGivenAsText_ReportsThePathAndLine()
    {
        const string Json = "{\n  \"name\": \"e\",\n  \"ports\": { \"websiteHttp\": \"eighty\" },\n  \"hosts\": []\n}\n";

        var error = Assert.Single(ParseErrors(Json, "estate.json"));

        Assert.Contains("$.ports.websiteHttp", error, StringComparison.Ordinal);
        Assert.Contains("(line 3)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsFileAndLine()
    {
        const string Yaml = "name: e\nhosts:\n  - name: app01\n    roles: [Website\n  - name: sql01\n";

        var error = Assert.Single(ParseErrors(Yaml, "broken.yaml"));

        // The flow sequence left open on line 4 is where the parser gives up.
        Assert.StartsWith("broken.yaml: not valid estate YAML at line 4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspelledYamlKey_ReportsItsLine()
    {
        const string Yaml = "name: e\nhosts:\n  - name: app01\n    role: [Website]\n";

        var error = Assert.Single(ParseErrors(Yaml, "typo.yml"));

        Assert.StartsWith("typo.yml: not valid estate YAML at line 4", error, StringComparison.Ordinal);
        Assert.Contains("role", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MisspelledJsonKey_ReportsItLikeYamlDoes()
    {
        // "port" for "ports": ignored silently, the override would be lost and probes would hit the default port.
        const string Json = "{\n  \"name\": \"e\",\n  \"hosts\": [\n    { \"name\": \"sql01\", \"roles\": [\"ShoppingDb\"], \"port\": { \"shoppingDbSql\": 14330 } }\n  ]\n}\n";

        var error = Assert.Single(ParseErrors(Json, "typo.json"));

        Assert.StartsWith("typo.json: not valid estate JSON", error, StringComparison.Ordinal);
        Assert.Contains("'port'", error, StringComparison.Ordinal);
        Assert.Contains("(line 4)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PortGivenAsTextInYaml_ReportsItsLine()
    {
        const string Yaml = "name: e\nhosts:\n  - name: app01\n    roles: [Website]\n    ports: { websiteHttp: eighty }\n";

        var error = Assert.Single(ParseErrors(Yaml, "estate.yaml"));

        Assert.StartsWith("estate.yaml: not valid estate YAML at line 5", error, StringComparison.Ordinal);
        Assert.Contains("eighty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyJsonDocument_SaysTheFileIsEmpty()
    {
        Assert.Equal("empty.json: the file is empty.", Assert.Single(ParseErrors("null", "empty.json")));
    }

    [Fact]
    public void Parse_SeveralProblems_ListsThemAllAtOnce()
    {
        var result = EstateFile.Parse("""
            {
              "name": "",
              "switches": { "exchange": true },
              "ports": { "shoppingDbSql": 70000 },
              "hosts": [
                { "name": "app01", "roles": ["Website", "Webserver"] },
                { "name": "app01", "roles": ["CentralService"] },
                { "name": "sql01", "roles": [], "ports": { "sqlPort": 1433 } }
              ]
            }
            """, "estate.json", Catalogue);

        Assert.False(result.Succeeded);
        Assert.Null(result.Estate);
        Assert.Collection(
            result.Errors,
            e => Assert.StartsWith("name:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("switches.exchange:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("ports.shoppingDbSql: port 70000", e, StringComparison.Ordinal),
            e => Assert.StartsWith("hosts[0] (app01).roles[1]: unknown role 'Webserver'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("hosts[1] (app01).name:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("hosts[2] (sql01).roles:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("hosts[2] (sql01).ports.sqlPort: unknown port setting", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-estate.json");

        var result = EstateFile.Load(path, Catalogue);

        Assert.False(result.Succeeded);
        Assert.Contains(path, Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    private static Estate ParseOk(string text, string fileName)
    {
        var result = EstateFile.Parse(text, fileName, Catalogue);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return Assert.IsType<Estate>(result.Estate);
    }

    private static IReadOnlyList<string> ParseErrors(string text, string fileName = "estate.json")
    {
        var result = EstateFile.Parse(text, fileName, Catalogue);
        Assert.False(result.Succeeded);
        Assert.Null(result.Estate);
        return result.Errors;
    }

    private static void AssertSameEstate(Estate expected, Estate actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(Sorted(expected.Switches), Sorted(actual.Switches));
        Assert.Equal(Sorted(expected.Ports), Sorted(actual.Ports));
        Assert.Equal(expected.RpcDynamicPorts, actual.RpcDynamicPorts);
        Assert.Equal(expected.Hosts.Count, actual.Hosts.Count);
        for (var i = 0; i < expected.Hosts.Count; i++)
        {
            Assert.Equal(expected.Hosts[i].Name, actual.Hosts[i].Name);
            Assert.Equal(expected.Hosts[i].Address, actual.Hosts[i].Address);
            Assert.Equal(expected.Hosts[i].Roles, actual.Hosts[i].Roles);
            Assert.Equal(Sorted(expected.Hosts[i].Ports), Sorted(actual.Hosts[i].Ports));
            Assert.Equal(expected.Hosts[i].RpcDynamicPorts, actual.Hosts[i].RpcDynamicPorts);
        }
    }

    private static List<KeyValuePair<string, T>> Sorted<T>(IReadOnlyDictionary<string, T> dictionary) =>
        dictionary.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
}
