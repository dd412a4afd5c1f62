using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

/// <summary>Validator problems mapped to the fields of a form (per host, and of the estate itself).</summary>
public class EstateProblemsTests
{
    private static EstateLoadResult Validate(string json) => EstateFile.Parse(json, "estate.json", FlowCatalogue.Default);

    [Fact]
    public void ForHost_ProblemsOfOneHost_GroupedByFormField()
    {
        var result = Validate("""
            { "name": "Lab", "hosts": [
              { "name": "web01", "roles": ["Website"] },
              { "name": "bad name", "address": " ", "roles": ["SqlServer", "Website", "Nope"], "ports": { "websiteHttp": 70000, "sqlPort": 1 } }
            ] }
            """);

        var fields = EstateProblems.ForHost(result.Problems, 1);

        Assert.Equal(["address", "name", "ports.sqlPort", "ports.websiteHttp", "roles"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"'bad name' is not a valid host name ({HostNames.Rule}).", Assert.Single(fields["name"]));
        Assert.Equal("' ' is not a host name or IP address.", Assert.Single(fields["address"]));
        Assert.Collection(fields["roles"],
            m => Assert.StartsWith("unknown role 'SqlServer'", m, StringComparison.Ordinal),
            m => Assert.StartsWith("unknown role 'Nope'", m, StringComparison.Ordinal));
        Assert.Equal("port 70000 is outside 1-65535.", Assert.Single(fields["ports.websiteHttp"]));
        Assert.StartsWith("unknown port setting", Assert.Single(fields["ports.sqlPort"]), StringComparison.Ordinal);
        Assert.Empty(EstateProblems.ForHost(result.Problems, 0));
    }

    [Fact]
    public void Problems_TextKeepsTheFileMessageNamingFieldAndHost()
    {
        var result = Validate("""{ "name": "Lab", "hosts": [ { "name": "a" , "roles": ["Website"] }, { "name": "sql01", "roles": ["SqlServer"] } ] }""");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((1, "roles[0]", "roles"), (problem.HostIndex, problem.Field, problem.FormField));
        Assert.StartsWith("hosts[1] (sql01).roles[0]: unknown role 'SqlServer'", problem.Text, StringComparison.Ordinal);
        Assert.Equal(result.Errors, result.Problems.Select(p => p.Text));
    }

    [Fact]
    public void ForHost_DuplicateName_IsOnTheSecondHostsNameField()
    {
        var result = Validate("""{ "name": "Lab", "hosts": [ { "name": "web01", "roles": ["Website"] }, { "name": "WEB01", "roles": ["Receiver"] } ] }""");

        Assert.Equal("host 'WEB01' is listed twice.", Assert.Single(EstateProblems.ForHost(result.Problems, 1)["name"]));
        Assert.Equal([result.Errors[0]], EstateProblems.Elsewhere(result.Problems, 0));
        Assert.Empty(EstateProblems.Elsewhere(result.Problems, 1));
    }

    [Fact]
    public void ForHost_MissingNameAndRoles_NamesBothFields()
    {
        var result = Validate("""{ "name": "Lab", "hosts": [ { "address": "10.0.0.1" } ] }""");

        var fields = EstateProblems.ForHost(result.Problems, 0);
        Assert.Equal("every host needs a name.", Assert.Single(fields["name"]));
        Assert.StartsWith("a host needs at least one role", Assert.Single(fields["roles"]), StringComparison.Ordinal);
        Assert.StartsWith("hosts[0].roles: a host needs", result.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ForEstate_EstateFields_LeavesHostProblemsOut()
    {
        var result = Validate("""{ "name": " ", "switches": { "rbca": true }, "ports": { "smtp": 0 }, "hosts": [ { "name": "x!", "roles": ["Website"] } ] }""");

        var fields = EstateProblems.ForEstate(result.Problems);

        Assert.Equal(["name", "ports.smtp", "switches.rbca"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("port 0 is outside 1-65535.", Assert.Single(fields["ports.smtp"]));
        Assert.Contains("switches.rbca: unknown switch", result.Errors[1], StringComparison.Ordinal);
        Assert.Equal(4, result.Problems.Count);
    }

    [Fact]
    public void Problems_SyntaxError_IsAGeneralProblemWithNoField()
    {
        var result = Validate("{ \"name\": ");

        var problem = Assert.Single(result.Problems);
        Assert.Null(problem.HostIndex);
        Assert.Equal("", problem.Field);
        Assert.Empty(EstateProblems.ForEstate(result.Problems));
        Assert.Equal([problem.Text], EstateProblems.Elsewhere(result.Problems, 0));
    }
}
