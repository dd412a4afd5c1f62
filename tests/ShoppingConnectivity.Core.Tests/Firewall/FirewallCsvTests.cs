using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Firewall;

namespace ShoppingConnectivity.Core.Tests.Firewall;

public class FirewallCsvTests
{
    [Fact]
    public void Write_Rules_HeaderThenOneQuotedRowPerRule()
    {
        var rules = FirewallRules.For(FlowCatalogue.Default, FirewallTestEstate.Estate());

        var lines = FirewallCsv.Write(rules).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Source,Source address,Destination,Destination address,Port,Protocol,Flow,Purpose", lines[0]);
        Assert.Equal(rules.Count + 1, lines.Length);
        var row = Assert.Single(lines, l => l.StartsWith("web02,10.0.0.6,sql01,sql01.contoso.example,14330,TCP,website-shoppingdb-sql,", StringComparison.Ordinal));
        var purpose = FlowCatalogue.Default.FindFlow("website-shoppingdb-sql")!.Purpose;
        Assert.EndsWith(FirewallCsv.Field(purpose), row, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("pc01,10.1.0.1 (any client),web01,", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_WideEstate_IsTheExpectedOutput()
    {
        var estate = FirewallTestEstate.Wide();

        ExpectedOutput.Equal("wide.csv", FirewallCsv.Write(FirewallRules.For(FlowCatalogue.Default, estate)));
    }

    [Fact]
    public void Write_WmiFlow_RowForTheTargetsDynamicRpcRange()
    {
        var lines = FirewallCsv.Write(FirewallRules.For(FlowCatalogue.Default, FirewallTestEstate.Wide())).Split("\r\n");

        // The network team reads it as any other opening: TCP, the range, from the source to the target, and why.
        Assert.Single(lines, l => l.StartsWith("con01,10.0.2.1,cm01,cm01,49152-65535,TCP,adminconsole-smsprovider-wmi,\"Dynamic RPC for WMI (DCOM)", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("rcv01,rcv01,pc03,pc03,5000-5100,TCP,receiver-client-wmi,\"Dynamic RPC for WMI (DCOM)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(1,2)", "\"'@SUM(1,2)\"")]
    public void Field_Value_IsEscaped(string value, string expected)
    {
        Assert.Equal(expected, FirewallCsv.Field(value));
    }
}
