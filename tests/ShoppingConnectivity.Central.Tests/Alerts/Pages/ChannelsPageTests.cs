using Bunit;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Channels;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class ChannelsPageTests : IAsyncLifetime
{
    private const string SlackKey = "T000/B000/XXXXSECRET";
    private ChannelReceiver _receiver = null!;
    private PageHost _host = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ChannelReceiver.StartAsync();
        _host = new PageHost(new Dictionary<string, string?>
        {
            ["Central:Alerts:Channels:ops-slack:Kind"] = "Slack",
            ["Central:Alerts:Channels:ops-slack:Url"] = $"{_receiver.BaseUrl}/slack?key={SlackKey}",
            ["Central:Alerts:Channels:ops-slack:Roles:0"] = "ShoppingDb",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private IRenderedComponent<ChannelsPage> Render() => _host.Context.Render<ChannelsPage>();

    [Fact]
    public void Page_ChannelFromSettings_ShownReadOnlyWithHostOnlyAndItsSource()
    {
        var page = Render();

        var channel = page.WaitForElement(".channel[data-channel='ops-slack']");
        Assert.Equal($"{_receiver.BaseUrl}/\u2026 (plain http: not encrypted)", channel.QuerySelector(".channel-url")!.TextContent.Trim());
        // The test factory hands its settings to the host as command-line arguments.
        Assert.Equal("URL from command line", channel.QuerySelector(".channel-source")!.TextContent.Trim());
        Assert.Equal("roles ShoppingDb", channel.QuerySelector(".channel-filter")!.TextContent.Trim());
        Assert.DoesNotContain(SlackKey, page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("input"));
    }

    [Fact]
    public async Task Page_Viewer_ReadsButCannotTestOrSendAgain()
    {
        await using (var db = await _host.Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
        {
            db.ChannelMessages.Add(new ChannelMessageRecord
            {
                Channel = "ops-slack", ChannelKind = "Slack", Kinds = "Broken", AlertIds = "", Subject = "x", Payload = "{}", Status = ChannelMessageRecord.Held,
            });
            await db.SaveChangesAsync();
        }

        _host.Auth.SetAuthorized("viewer.vic");
        _host.Auth.SetRoles(CentralRoles.Viewer);
        var page = Render();

        page.WaitForElement(".channels-undelivered-message");
        Assert.Empty(page.FindAll("button.channel-test"));
        Assert.Empty(page.FindAll("button.channels-resend"));
    }

    [Fact]
    public async Task Page_SendTest_ShowsTheEndpointsAnswerAndIsAudited()
    {
        var page = Render();
        page.WaitForElement(".channel[data-channel='ops-slack']");

        page.Find("button.channel-test").Click();

        page.WaitForAssertion(() => Assert.Equal("Delivered. The endpoint answered HTTP 200: ok", page.Find(".channel-test-result").TextContent.Trim()));
        Assert.Single(_receiver.Taken);
        var audit = Assert.Single(await _host.Get<IAuditLog>().ListAsync(ChannelsPageModel.TestAuditAction));
        Assert.Equal((PageHost.UserName, "ops-slack", "HTTP 200: ok"), (audit.Actor, audit.Target, audit.Details));
    }

    [Fact]
    public async Task Page_HeldMessage_SendAgainQueuesItAndIsAudited()
    {
        long id;
        await using (var db = await _host.Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
        {
            var message = new ChannelMessageRecord
            {
                Channel = "ops-slack", ChannelKind = "Slack", Kinds = "Broken", AlertIds = "", Subject = "[Shopping Connectivity] BROKEN: x",
                Payload = "{}", Status = ChannelMessageRecord.Held, LastError = "HTTP 404: no_service",
            };
            db.ChannelMessages.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;
        }

        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("Held", page.Find(".channels-undelivered-message").GetAttribute("data-status")));
        page.WaitForAssertion(() => Assert.Contains("0 waiting, 1 held", page.Find(".channel-queue").TextContent));

        page.Find("button.channels-resend").Click();

        page.WaitForAssertion(() => Assert.Equal("1 of 1 message(s) queued again.", page.Find(".channels-resent").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal("Pending", page.Find(".channels-undelivered-message").GetAttribute("data-status")));
        var audit = Assert.Single(await _host.Get<IAuditLog>().ListAsync(ChannelsPageModel.ResendAuditAction));
        Assert.Equal($"message {id}", audit.Target);
    }
}
