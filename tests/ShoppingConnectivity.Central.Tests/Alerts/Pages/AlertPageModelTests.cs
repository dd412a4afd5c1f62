using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class AlertPageModelTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PartsOf_LinkLine_HostsAndPortElseNull()
    {
        Assert.Equal(("web01", "db01", "1433"), AlertPageModel.PartsOf("web01 \u2192 db01:1433"));
        Assert.Equal(("web01", "db01", "1433"), AlertPageModel.PartsOf("web01 -> db01:1433"));
        Assert.Equal(("pc-01.contoso.example", "dc01", "3268"), AlertPageModel.PartsOf("pc-01.contoso.example -> dc01:3268"));
        Assert.Null(AlertPageModel.PartsOf("and 13 more"));
        Assert.Null(AlertPageModel.PartsOf("web01 db01:1433"));
    }

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("web01 -> db01:1433", new[] { "web01 -> db01:1433" })]
    [InlineData("web01 -> db01:1433, web02 -> db01:1433", new[] { "web01 -> db01:1433", "web02 -> db01:1433" })]
    [InlineData("pc01 -> dc01:389, pc02 -> dc01:389 and 13 more", new[] { "pc01 -> dc01:389", "pc02 -> dc01:389", "and 13 more" })]
    public void LinksOf_HostList_OneLinePerLink(string? hosts, string[] expected) => Assert.Equal(expected, AlertPageModel.LinksOf(hosts));

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("nope", null)]
    [InlineData("-1", null)]
    [InlineData("", null)]
    public void ParseId_UrlSegment_StoredIdOrNone(string id, long? expected) => Assert.Equal(expected, AlertPageModel.ParseId(id));

    [Fact]
    public void Show_NothingFound_NamesTheIdAsked()
    {
        var page = new AlertPageModel();

        page.Show("42", null);

        Assert.Equal("42", page.Missing);
        Assert.False(page.CanAcknowledge);
    }

    [Theory]
    [InlineData("Open", false, true)]
    [InlineData("Open", true, false)]
    [InlineData("Closed", false, false)]
    public void CanAcknowledge_OpenAndNotYetAcknowledged(string state, bool acknowledged, bool expected)
    {
        var page = new AlertPageModel { CanAct = true };

        page.Show("1", new AlertView(1, "k", "f", "edge", state, "Broken", At, At, null, null, null, null, false, null, null,
            acknowledged ? At : null, null, null, [], []));

        Assert.Equal((expected, null), (page.CanAcknowledge, page.Missing));
    }

    [Fact]
    public void CanAcknowledge_Viewer_NeverEvenWhenOpen()
    {
        var page = new AlertPageModel { CanAct = false };

        page.Show("1", new AlertView(1, "k", "f", "edge", "Open", "Broken", At, At, null, null, null, null, false, null, null, null, null, null, [], []));

        Assert.False(page.CanAcknowledge);
    }
}
