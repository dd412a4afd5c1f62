using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

/// <summary>The YAML reader and writer without YamlDotNet's object mapper: what YAML allows, and errors naming field and line.</summary>
public sealed class EstateYamlTests
{
    private static EstateLoadResult Parse(string yaml) => EstateFile.Parse(yaml, "estate.yaml", FlowCatalogue.Default);

    private static string Error(string yaml)
    {
        var result = Parse(yaml);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Errors);
    }

    [Theory]
    [InlineData("name: e\nhosts:\n  - name: a\n    roles: Website\n", 4, "hosts[0].roles: expected a list ([a, b] or lines starting '- '), found 'Website'.")]
    [InlineData("name: e\nhosts: web01\n", 2, "hosts: expected a list ([a, b] or lines starting '- '), found 'web01'.")]
    [InlineData("- a\n- b\n", 1, "an estate is key: value pairs (name, switches, ports, rpcDynamicPorts, hosts), found a list.")]
    [InlineData("name: [a, b]\nhosts: []\n", 1, "name: expected text, found a list.")]
    [InlineData("name: e\nswitches: { rbac: 1 }\nhosts: []\n", 2, "switches.rbac: '1' is not true or false.")]
    [InlineData("name: e\nports: { websiteHttp: 99999999999 }\nhosts: []\n", 2, "ports.websiteHttp: '99999999999' is too large a number.")]
    [InlineData("name: e\nports: { websiteHttp: 80.0 }\nhosts: []\n", 2, "ports.websiteHttp: '80.0' is not a whole number.")]
    [InlineData("Name: e\nhosts: []\n", 1, "unknown key 'Name' (known: name, switches, ports, rpcDynamicPorts, hosts).")]
    [InlineData("name: e\nhosts:\n  - name: a\n    roles: [Website]\n    ports: []\n", 5, "hosts[0].ports: expected key: value pairs, found a list.")]
    [InlineData("name: e\nhosts:\n  - name: a\n    roles: [Website]\n---\nname: f\n", 5, "the file holds a second YAML document ('---'): an estate is one document.")]
    [InlineData("!foo\nname: e\n", 1, "unknown tag '!foo'.")]
    [InlineData("name: *nowhere\nhosts: []\n", 1, "*nowhere refers to no anchor &nowhere before it.")]
    [InlineData("name: e\nhosts:\n  - name: app01\n    roles: [Website\n  - name: sql01\n", 4, "the list '[' opened here is not closed with ']'.")]
    public void Parse_WrongShape_NamesFieldAndLine(string yaml, int line, string message)
    {
        Assert.Equal($"estate.yaml: not valid estate YAML at line {line}: {message}", Error(yaml));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("True", true)]
    [InlineData("on", true)]
    [InlineData("'false'", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Parse_YamlBooleans_ReadAsSwitches(string text, bool expected)
    {
        var result = Parse($"name: e\nswitches: {{ rbac: {text} }}\nhosts: []\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(expected, result.Estate!.Switches["rbac"]);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("+8080")]
    [InlineData("'8080'")]
    [InlineData("8_080")]
    [InlineData("0x1F90")]
    [InlineData("0o17620")]
    [InlineData("!!int 8080")]
    public void Parse_YamlWholeNumbers_ReadAsPorts(string text)
    {
        var result = Parse($"name: e\nports: {{ websiteHttp: {text} }}\nhosts: []\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(8080, result.Estate!.Ports["websiteHttp"]);
    }

    [Fact]
    public void Parse_AnchorAndAlias_ReadTheAnchoredValue()
    {
        var result = Parse("name: e\nhosts:\n  - name: app01\n    roles: &web [Website, CentralService]\n  - name: app02\n    roles: *web\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["Website", "CentralService"], result.Estate!.FindHost("app02")!.Roles);
    }

    [Fact]
    public void Parse_NumberAndBooleanLikeNames_StayText()
    {
        var result = Parse("name: 12\nhosts:\n  - name: yes\n    address: '~'\n    roles: [Website]\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal("12", result.Estate!.Name);
        Assert.Equal("~", result.Estate.Hosts[0].Address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~\n")]
    [InlineData("null\n")]
    public void Parse_NoDocument_SaysTheFileIsEmpty(string yaml)
    {
        Assert.Equal("estate.yaml: the file is empty.", Error(yaml));
    }

    [Fact]
    public void ToYaml_TextThatReadsAsNullOrBoolean_IsQuotedAndReadsBack()
    {
        // Written plain, "yes" would read back as a boolean and "null" as no address at all.
        var estate = new Estate("12", new Dictionary<string, bool> { ["rbac"] = true }, new Dictionary<string, int>(),
            [new EstateHost("yes", "null", ["Website"], new Dictionary<string, int>())]);

        var yaml = EstateFile.ToYaml(estate);
        var again = Parse(yaml);

        Assert.Contains("- name: \"yes\"", yaml, StringComparison.Ordinal);
        Assert.Contains("address: \"null\"", yaml, StringComparison.Ordinal);
        Assert.True(again.Succeeded, string.Join("\n", again.Errors));
        Assert.Equal("12", again.Estate!.Name);
        Assert.Equal("null", again.Estate.FindHost("yes")!.Address);
    }
}
