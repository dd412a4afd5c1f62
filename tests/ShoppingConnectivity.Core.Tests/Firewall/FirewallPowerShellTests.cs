using System.Management.Automation.Language;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Firewall;

namespace ShoppingConnectivity.Core.Tests.Firewall;

/// <summary>The script is parsed with PowerShell's own parser, and its rules read back from the syntax tree.</summary>
public class FirewallPowerShellTests
{
    private const string Nasty = "It's ‘odd’ – $(Remove-Item C:\\) `n \"x\" ‚low‛ #> @{a=1};\r\nnext line";

    [Fact]
    public void Write_Estate_IsValidPowerShell()
    {
        var script = Script(FlowCatalogue.Default, FirewallTestEstate.Estate());

        var (_, errors) = Parse(script);

        Assert.Empty(errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"));
    }

    [Fact]
    public void Write_Estate_OutboundOnSourcesInboundOnTargets()
    {
        var (ast, _) = Parse(Script(FlowCatalogue.Default, FirewallTestEstate.Estate()));

        var web01 = RulesOf(ast, "web01");
        var outbound = Assert.Single(web01, r => r["DisplayName"] == "Shopping website-shoppingdb-sql: out to sql01 TCP 14330");
        Assert.Equal(("Outbound", "Allow", "TCP", "14330"), (outbound["Direction"], outbound["Action"], outbound["Protocol"], outbound["RemotePort"]));
        Assert.Equal("(Resolve-ShoppingAddress 'sql01.contoso.example')", outbound["RemoteAddress"]);
        Assert.Equal(FlowCatalogue.Default.FindFlow("website-shoppingdb-sql")!.Purpose, outbound["Description"]);
        Assert.DoesNotContain(web01, r => r["DisplayName"].Contains("allinone TCP 1433", StringComparison.Ordinal) && r["Direction"] == "Inbound");

        var sql01 = RulesOf(ast, "sql01");
        Assert.All(sql01, r => Assert.Equal("Inbound", r["Direction"]));
        var inbound = Assert.Single(sql01, r => r["DisplayName"] == "Shopping website-shoppingdb-sql: in from Shopping Website TCP 14330");
        Assert.Equal(("14330", "(Resolve-ShoppingAddress '10.0.0.5', '10.0.0.6', 'allinone')"), (inbound["LocalPort"], inbound["RemoteAddress"]));

        // Clients are every PC of the customer, not only the one the estate lists.
        var fromClients = Assert.Single(RulesOf(ast, "web02"), r => r["DisplayName"] == "Shopping client-website-http: in from Client TCP 80");
        Assert.Equal("Any", fromClients["RemoteAddress"]);
        Assert.All(RulesOf(ast, "pc01"), r => Assert.Equal("Outbound", r["Direction"]));
        Assert.All(Rules(ast), r => Assert.Matches(@"^Shopping [a-z0-9-]+: (out to|in from) ", r["DisplayName"]));
    }

    [Fact]
    public void Write_WideEstate_IsTheExpectedOutput()
    {
        var estate = FirewallTestEstate.Wide();

        var script = Script(FlowCatalogue.Default, estate);

        ExpectedOutput.Equal("wide.ps1", script);
        Assert.Empty(Parse(script).Errors);
        // SQL01, listed twice, gets the rules of sql01: hosts match by name ignoring case.
        Assert.Equal(RulesOf(Parse(script).Ast, "sql01").Select(r => r["DisplayName"]), RulesOf(Parse(script).Ast, "SQL01").Select(r => r["DisplayName"]));
    }

    [Fact]
    public void Write_WmiFlow_InboundWithWindowsRpcKeywordsOutboundToTheTargetsRange()
    {
        var (ast, errors) = Parse(Script(FlowCatalogue.Default, FirewallTestEstate.Wide()));
        Assert.Empty(errors);

        var cm01 = RulesOf(ast, "cm01").Where(r => r["DisplayName"].StartsWith("Shopping adminconsole-smsprovider-wmi:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["RPCEPMap", "445", "RPC"], cm01.Select(r => r["LocalPort"]));
        Assert.All(cm01, r => Assert.Equal(("Inbound", "TCP", "(Resolve-ShoppingAddress '10.0.2.1', 'con02')"), (r["Direction"], r["Protocol"], r["RemoteAddress"])));

        var rcv01 = RulesOf(ast, "rcv01");
        var toPc03 = Assert.Single(rcv01, r => r["DisplayName"] == "Shopping receiver-client-wmi: out to pc03 TCP 5000-5100 (dynamic RPC)");
        Assert.Equal(("Outbound", "TCP", "5000-5100", "(Resolve-ShoppingAddress 'pc03')"), (toPc03["Direction"], toPc03["Protocol"], toPc03["RemotePort"], toPc03["RemoteAddress"]));
        Assert.Single(rcv01, r => r["DisplayName"] == "Shopping receiver-client-wmi: out to pc01 TCP 49152-65535 (dynamic RPC)" && r["RemotePort"] == "49152-65535");
        // The keywords name local ports only, and only WMI's.
        Assert.All(Rules(ast).Where(r => r.ContainsKey("RemotePort")), r => Assert.DoesNotContain("RPC", r["RemotePort"], StringComparison.Ordinal));
        Assert.All(Rules(ast).Where(r => r.GetValueOrDefault("LocalPort") is "RPC" or "RPCEPMap"), r => Assert.Contains("-wmi:", r["DisplayName"], StringComparison.Ordinal));
    }

    [Fact]
    public void Write_QuotesAndDollarsInText_ReadBackVerbatim()
    {
        var catalogue = FlowCatalogue.Default with
        {
            Flows = FlowCatalogue.Default.Flows.Select(f => f.Id == "website-shoppingdb-sql" ? f with { Purpose = Nasty } : f).ToList(),
        };
        var estate = FirewallTestEstate.Estate();

        var script = Script(catalogue, estate);
        var (ast, errors) = Parse(script);

        Assert.Empty(errors);
        var rule = Assert.Single(RulesOf(ast, "web01"), r => r["DisplayName"] == "Shopping website-shoppingdb-sql: out to sql01 TCP 14330");
        Assert.Equal(Nasty.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal), rule["Description"]);
        // Nothing of the text became code: the only commands are the script's own.
        var commands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["ForEach-Object", "Get-NetFirewallRule", "New-NetFirewallRule", "Out-Null", "Remove-NetFirewallRule", "Resolve-ShoppingAddress", "Set-StrictMode", "Test-ShoppingHost"], commands);
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("‘a’", "'‘‘a’’'")]
    [InlineData("‚b‛", "'‚‚b‛‛'")]
    [InlineData("$x `n", "'$x `n'")]
    [InlineData("a\r\nb", "'a  b'")]
    public void Quote_Value_IsASingleQuotedLiteralOfTheSameText(string value, string expected)
    {
        var quoted = FirewallPowerShell.Quote(value);

        Assert.Equal(expected, quoted);
        var (ast, errors) = Parse("$v = " + quoted);
        Assert.Empty(errors);
        var literal = Assert.IsType<StringConstantExpressionAst>(ast.Find(a => a is StringConstantExpressionAst, true));
        Assert.Equal(value.Replace('\r', ' ').Replace('\n', ' '), literal.Value);
    }

    [Fact]
    public void Write_EstateNameWithCommentEnd_StaysInsideTheHelpComment()
    {
        var script = Script(FlowCatalogue.Default, FirewallTestEstate.Estate());

        var (ast, errors) = Parse(script);

        Assert.Empty(errors);
        Assert.Contains("Contoso: ''lab'' # > 1", ast.GetHelpContent().Synopsis, StringComparison.Ordinal);
        Assert.Contains("SupportsShouldProcess", script, StringComparison.Ordinal);
    }

    private static string Script(FlowCatalogue catalogue, Estate estate) =>
        FirewallPowerShell.Write(catalogue, estate, FirewallRules.For(catalogue, estate));

    private static (ScriptBlockAst Ast, ParseError[] Errors) Parse(string script)
    {
        var ast = Parser.ParseInput(script, out _, out var errors);
        return (ast, errors);
    }

    /// <summary>The New-NetFirewallRule calls inside the `if (Test-ShoppingHost 'host')` block of one host.</summary>
    private static List<Dictionary<string, string>> RulesOf(ScriptBlockAst ast, string host)
    {
        var block = ast.FindAll(a => a is IfStatementAst, true).Cast<IfStatementAst>()
            .Single(i => i.Clauses[0].Item1.Extent.Text == $"(Test-ShoppingHost '{host}')" || i.Clauses[0].Item1.Extent.Text == $"Test-ShoppingHost '{host}'");
        return Rules(block.Clauses[0].Item2);
    }

    private static List<Dictionary<string, string>> Rules(Ast scope) =>
        scope.FindAll(a => a is CommandAst c && c.GetCommandName() == "New-NetFirewallRule", true).Cast<CommandAst>().Select(Parameters).ToList();

    /// <summary>-Name value pairs; string literals as their value, anything else as its source text.</summary>
    private static Dictionary<string, string> Parameters(CommandAst command)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var elements = command.CommandElements;
        for (var i = 1; i < elements.Count; i++)
        {
            if (elements[i] is not CommandParameterAst p) continue;
            var value = elements[i + 1];
            parameters[p.ParameterName] = value is StringConstantExpressionAst s ? s.Value : value.Extent.Text;
            i++;
        }

        return parameters;
    }
}
