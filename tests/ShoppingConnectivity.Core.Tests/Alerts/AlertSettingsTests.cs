using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Tests.Alerts;

public class AlertSettingsTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly Flow ServerFlow = Catalogue.FindFlow("website-shoppingdb-sql")!;
    private static readonly Flow ClientFlow = Catalogue.FindFlow("client-website-http")!;

    [Fact]
    public void RuleFor_Defaults_ThreeFailuresTwoSuccessesAnyLinkForServersFivePercentForClients()
    {
        var settings = AlertSettings.Default;

        Assert.Equal(new AlertRule(3, 2, 0), settings.RuleFor(ServerFlow));
        Assert.Equal(new AlertRule(3, 2, 0.05), settings.RuleFor(ClientFlow));
        Assert.Empty(settings.Validate(Catalogue, "Central:Alerts"));
    }

    [Fact]
    public void RuleFor_FlowOverride_ReplacesOnlyTheValuesItSets()
    {
        var settings = AlertSettings.Default with
        {
            Flows = new Dictionary<string, FlowAlertSettings> { [ServerFlow.Id] = new(BrokenAfter: 5, BrokenShare: 0.5) },
        };

        Assert.Equal(new AlertRule(5, 2, 0.5), settings.RuleFor(ServerFlow));
        Assert.Equal(new AlertRule(3, 2, 0.05), settings.RuleFor(ClientFlow));
    }

    [Theory]
    [InlineData(4, 100, false)]
    [InlineData(1, 100, false)]
    [InlineData(5, 100, true)]
    [InlineData(6, 100, true)]
    [InlineData(0, 100, false)]
    public void Fires_ClientShare_AtFivePercent(int broken, int counted, bool fires) =>
        Assert.Equal(fires, new AlertRule(3, 2, 0.05).Fires(broken, counted));

    [Theory]
    [InlineData(1, 1000, true)]
    [InlineData(0, 1000, false)]
    public void Fires_ServerAnyLink_OnOneBrokenLink(int broken, int counted, bool fires) =>
        Assert.Equal(fires, new AlertRule(3, 2, 0).Fires(broken, counted));

    [Fact]
    public void Validate_BadValues_NameEveryKey()
    {
        var settings = new AlertSettings
        {
            BrokenAfter = 0,
            RecoveredAfter = 5000,
            ServerBrokenShare = -0.1,
            ClientBrokenShare = 1.5,
            GroupingWindow = TimeSpan.FromHours(2),
            ReminderInterval = TimeSpan.FromMinutes(-1),
            FlapTransitions = 1,
            Flows = new Dictionary<string, FlowAlertSettings>
            {
                ["no-such-flow"] = new(BrokenAfter: 3),
                [ServerFlow.Id] = new(RecoveredAfter: 0, BrokenShare: 2),
            },
            Recipients = new AlertRecipients(
                ["ops@contoso.example", "not an address"],
                new Dictionary<string, IReadOnlyList<string>> { ["nope"] = ["a@b.example"] },
                new Dictionary<string, IReadOnlyList<string>> { ["Database"] = ["dba@contoso.example"], ["ShoppingDb"] = ["dba@"] }),
        };

        var errors = settings.Validate(Catalogue, "Central:Alerts");

        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:BrokenAfter must be between 1 and 1000", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:RecoveredAfter ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:ServerBrokenShare ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:ClientBrokenShare ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:GroupingSeconds ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:ReminderMinutes ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:FlapTransitions ", StringComparison.Ordinal));
        Assert.Contains("Central:Alerts:Flows:no-such-flow: unknown flow 'no-such-flow' (see GET /api/v1/catalogue for the flow ids).", errors);
        Assert.Contains(errors, e => e.StartsWith($"Central:Alerts:Flows:{ServerFlow.Id}:RecoveredAfter ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"Central:Alerts:Flows:{ServerFlow.Id}:BrokenShare ", StringComparison.Ordinal));
        Assert.Contains("Central:Alerts:Recipients:Default:1: 'not an address' is not an email address.", errors);
        Assert.Contains("Central:Alerts:Recipients:Flows:nope: unknown flow 'nope'.", errors);
        Assert.Contains(errors, e => e.StartsWith("Central:Alerts:Recipients:Roles:Database: unknown role 'Database'", StringComparison.Ordinal));
        Assert.Contains("Central:Alerts:Recipients:Roles:ShoppingDb:0: 'dba@' is not an email address.", errors);
        Assert.Equal(14, errors.Count);
    }

    [Fact]
    public void RecipientsFor_FlowAndRoleLists_UnionReplacesTheDefault()
    {
        var recipients = new AlertRecipients(
            ["ops@contoso.example"],
            new Dictionary<string, IReadOnlyList<string>> { [ServerFlow.Id] = ["web@contoso.example"] },
            new Dictionary<string, IReadOnlyList<string>> { ["ShoppingDb"] = ["dba@contoso.example", "WEB@contoso.example"] });

        Assert.Equal(["dba@contoso.example", "web@contoso.example"], recipients.For(ServerFlow));
        Assert.Equal(["ops@contoso.example"], recipients.For(ClientFlow));
    }
}
