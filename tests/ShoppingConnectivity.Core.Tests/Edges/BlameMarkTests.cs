using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Tests.Edges;

public sealed class BlameMarkTests
{
    private static BlameMark Mark(int failing = 38, params string[] flows) =>
        new(BlameKind.Target, "DomainController", "dc01", failing, 40, $"dc01: unreachable from {failing} of 40 sources", flows.Length > 0 ? flows : ["client-dc-ldap"]);

    [Fact]
    public void Same_EqualMarksInNewLists_True()
    {
        // Each located anew: records whose flow lists are other instances with the same ids.
        Assert.True(BlameMark.Same([Mark(), Mark(flows: ["client-dc-ldap", "website-dc-ldap"])], [Mark(), Mark(flows: ["client-dc-ldap", "website-dc-ldap"])]));
        Assert.False(Mark().Equals(Mark())); // why SameAs: the record compares its flow list by reference
    }

    [Fact]
    public void Same_ACountAFlowOrTheOrderDiffers_False()
    {
        Assert.False(BlameMark.Same([Mark()], [Mark(failing: 39)]));
        Assert.False(BlameMark.Same([Mark()], [Mark(flows: ["client-dc-ldap", "website-dc-ldap"])]));
        Assert.False(BlameMark.Same([Mark(), Mark(failing: 39)], [Mark(failing: 39), Mark()]));
        Assert.False(BlameMark.Same([Mark()], []));
    }
}
