using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Tests.Catalogue;

public sealed class CatalogueMissingListsTests
{
    [Fact]
    public void Parse_FlowWithoutWhenSeedOrPorts_ThrowsInvalidDataNamingTheFlow()
    {
        const string json = """
            {
              "schema": 1, "version": "t", "source": "t",
              "roles": [ { "id": "A", "name": "A", "kind": "shopping", "runsAgent": true } ],
              "switches": [], "portSettings": [],
              "flows": [ { "id": "a-a", "from": "A", "to": "A", "protocol": "TCP", "probe": "tcp", "direction": "Outbound",
                           "purpose": "p", "configurable": "No", "loopback": false } ]
            }
            """;

        var error = Assert.Throws<InvalidDataException>(() => FlowCatalogue.Parse(json));

        Assert.Contains("flows['a-a']", error.Message);
        Assert.Contains("ports, when and seed", error.Message);
    }

    [Fact]
    public void Parse_WithoutFlowsList_ThrowsInvalidDataNamingIt()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            FlowCatalogue.Parse("""{ "schema": 1, "version": "t", "source": "t", "roles": [], "switches": [], "portSettings": [] }"""));

        Assert.Contains("flows", error.Message);
    }
}
