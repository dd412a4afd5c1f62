using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Core.Tests.Alerts;

public class AlertSuspectTests
{
    [Theory]
    [InlineData("web01 \u2192 db01:1433, web02 \u2192 db01:1433", "db01")]
    [InlineData("web01 \u2192 db01:1433", "db01")]
    [InlineData("web01 -> db01:1433, web02 -> db01:1433 and 3 more", "db01")]
    [InlineData("web01 \u2192 db01:1433, web01 \u2192 db02:1433", "web01")]
    [InlineData("web01 \u2192 dc01:636 (certificate expires in 4 days), web02 \u2192 dc01:636 (certificate expires in 4 days)", "dc01")]
    public void Of_LinksShareAHost_ThatHostTargetFirst(string links, string expected) =>
        Assert.Equal(expected, AlertSuspect.Of(links));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("web01 \u2192 db01:1433, web02 \u2192 db02:1433")]
    [InlineData("not a link")]
    public void Of_NoSharedHost_Null(string? links) => Assert.Null(AlertSuspect.Of(links));
}
