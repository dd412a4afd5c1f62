using ShoppingConnectivity.Central.Alerts.Channels;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Core.Alerts.Channels;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public class ChannelsPageModelTests
{
    private static AlertChannel Channel(ChannelFilter filter, string? secretSource = null) => new(
        "ops", ChannelKind.Webhook, new Uri("https://hooks.contoso.example:8443/x/y?token=abc"), secretSource is null ? null : "s", filter, true,
        "environment variable Central__Alerts__Channels__ops__Url", secretSource);

    [Fact]
    public void MaskedUrl_PathAndQuery_LeftOut()
    {
        Assert.Equal("https://hooks.contoso.example:8443/\u2026", Channel(ChannelFilter.All).MaskedUrl);
    }

    [Fact]
    public void FilterText_NoneOrFlowsAndRoles_SaysWhichEdges()
    {
        Assert.Equal("every edge", ChannelsPageModel.FilterText(Channel(ChannelFilter.All)));
        Assert.Equal("flows a, b; roles ShoppingDb", ChannelsPageModel.FilterText(Channel(new ChannelFilter(["a", "b"], ["ShoppingDb"]))));
    }

    [Fact]
    public void SourceText_UrlAndSecret_NamesBothSources()
    {
        Assert.Equal("URL from environment variable Central__Alerts__Channels__ops__Url; signing secret from file /run/secrets/x",
            ChannelsPageModel.SourceText(Channel(ChannelFilter.All, "file /run/secrets/x")));
    }

    [Fact]
    public void ToSendAgain_PendingAndHeld_OnlyHeld()
    {
        var page = new ChannelsPageModel
        {
            Undelivered =
            [
                new ChannelMessageRecord { Id = 1, Channel = "ops", ChannelKind = "Webhook", Kinds = "Broken", AlertIds = "4,5", Subject = "s", Payload = "{}", Status = ChannelMessageRecord.Pending },
                new ChannelMessageRecord { Id = 2, Channel = "ops", ChannelKind = "Webhook", Kinds = "Broken", AlertIds = "", Subject = "s", Payload = "{}", Status = ChannelMessageRecord.Held },
            ],
        };

        Assert.Equal([2L], page.ToSendAgain);
        Assert.Equal([4L, 5L], ChannelsPageModel.AlertIdsOf(page.Undelivered[0]));
        Assert.Equal("Held: refused, needs the channel fixed", ChannelsPageModel.StatusText(page.Undelivered[1]));
    }
}
