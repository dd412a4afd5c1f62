using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Core.Tests.Outcomes;

public class DegradedCauseTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("TLS 1.3, certificate CN=dc02.lab issued by CN=dc02.lab, expires 2026-12-09 10:00 UTC (4 days left, within the 14-day warning: renew it soon).",
        "certificate expires in 4 days")]
    [InlineData("200 OK from 10.0.0.5:443 to GET / (server IIS). TLS 1.2, certificate CN=web01 issued by CN=ca, expires 2026-12-06 09:30 UTC (1 day left).",
        "certificate expires in 1 day")]
    [InlineData("TLS 1.3, certificate CN=a issued by CN=a, expires 2026-12-05 18:00 UTC (0 days left, within the 14-day warning: renew it soon).",
        "certificate expires today")]
    [InlineData("TLS 1.3, certificate CN=dc03.lab issued by CN=dc03.lab, EXPIRED on 2026-12-02 08:00 UTC (3 days ago): renew it.",
        "certificate expired 3 days ago")]
    [InlineData("TLS 1.3, certificate CN=a issued by CN=a, EXPIRED on 2026-12-05 07:00 UTC (today): renew it.", "certificate expired today")]
    [InlineData("TLS 1.3 handshake done, but the server showed no certificate.", "no certificate shown")]
    [InlineData("something else the agent found unhealthy", "degraded (see the links)")]
    [InlineData(null, "degraded (see the links)")]
    public void Of_AgentDetail_NamesTheCauseInAFewWords(string? detail, string expected)
    {
        Assert.Equal(expected, DegradedCause.Of(detail, Now).Text);
    }

    [Fact]
    public void Of_DaysPass_CountsAgainstCentralsClock()
    {
        const string detail = "TLS 1.3, certificate CN=a issued by CN=a, expires 2026-12-09 10:00 UTC (4 days left).";

        Assert.Equal("certificate expires in 2 days", DegradedCause.Of(detail, Now.AddDays(2)).Text);
        Assert.Equal("certificate expired 1 day ago", DegradedCause.Of(detail, Now.AddDays(6)).Text);
    }

    [Fact]
    public void Urgency_SoonerExpiry_IsMoreUrgentThanLater()
    {
        var soon = DegradedCause.Of("expires 2026-12-06 09:00 UTC", Now);
        var later = DegradedCause.Of("expires 2026-12-20 09:00 UTC", Now);
        var none = DegradedCause.Of("the server showed no certificate", Now);

        Assert.True(soon.Urgency < later.Urgency);
        Assert.True(none.Urgency < soon.Urgency);
    }
}
