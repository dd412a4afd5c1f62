using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

public sealed class EstateYamlSyntaxTests
{
    [Fact]
    public void Parse_YamlWithUnclosedList_ReportsLineAndParserMessage()
    {
        const string yaml = "name: Lab\nhosts:\n  - name: web01\n    roles: [Website, CentralService\n";

        var result = EstateFile.Parse(yaml, "estate.yaml", FlowCatalogue.Default);

        var error = Assert.Single(result.Errors);
        Assert.Contains("estate.yaml: not valid estate YAML at line", error);
        Assert.DoesNotContain("Operation is not valid due to the current state of the object", error);
    }
}
