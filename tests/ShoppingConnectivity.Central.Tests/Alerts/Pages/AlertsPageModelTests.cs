using ShoppingConnectivity.Central.Components;
using MudBlazor;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class AlertsPageModelTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Open", "Broken", "Broken")]
    [InlineData("Open", "NoData", "No data (held)")]
    [InlineData("Open", "Recovered", "Recovered, mail pending")]
    [InlineData("Open", "Degraded", "Degraded")]
    [InlineData("Closed", "Broken", "Closed")]
    public void StateText_StateAndCondition_Words(string state, string condition, string expected) =>
        Assert.Equal(expected, AlertsPageModel.StateText(Alert(state, condition)));

    [Fact]
    public void ColourAndIcon_Open_BrokenRedOthersPlain()
    {
        Assert.Equal((Color.Error, Icons.Material.Filled.Error), (AlertsPageModel.ColourOf(Alert("Open", "Broken")), AlertsPageModel.IconOf(Alert("Open", "Broken"))));
        Assert.Equal((Color.Default, Icons.Material.Filled.HelpOutline), (AlertsPageModel.ColourOf(Alert("Open", "NoData")), AlertsPageModel.IconOf(Alert("Open", "NoData"))));
        Assert.Equal((Color.Success, Icons.Material.Filled.CheckCircle), (AlertsPageModel.ColourOf(Alert("Closed", "Broken")), AlertsPageModel.IconOf(Alert("Closed", "Broken"))));
    }

    [Fact]
    public void StateText_NeverBrokeAndClearedWithMailPending_NoLongerDegraded() =>
        Assert.Equal("No longer degraded, mail pending", AlertsPageModel.StateText(Alert("Open", "Ok", AlertRecord.DegradedOutcome)));

    [Fact]
    public void ColourAndIcon_OpenDegraded_AmberWarningNotBrokenRed() =>
        Assert.Equal((Color.Warning, Icons.Material.Filled.Warning),
            (AlertsPageModel.ColourOf(Alert("Open", "Degraded", AlertRecord.DegradedOutcome)), AlertsPageModel.IconOf(Alert("Open", "Degraded", AlertRecord.DegradedOutcome))));

    /// <summary>An alert that never broke says degraded, and no longer degraded, where a broken one says broken and recovered.</summary>
    [Theory]
    [InlineData("TimedOut", null, "Broken since 2026-11-25 12:00:00 UTC")]
    [InlineData("TimedOut", 42, "Broken since 2026-11-25 12:00:00 UTC, recovered 2026-11-25 12:42:00 UTC (outage 42 min)")]
    [InlineData("Degraded", null, "Degraded since 2026-11-25 12:00:00 UTC")]
    [InlineData("Degraded", 42, "Degraded since 2026-11-25 12:00:00 UTC, no longer degraded 2026-11-25 12:42:00 UTC (for 42 min)")]
    public void SinceText_BrokenOrDegraded_SaysWhichAndWhen(string outcome, int? wellAfterMinutes, string expected)
    {
        var alert = Alert("Closed", "Ok", outcome) with { RecoveredAt = wellAfterMinutes is { } m ? At.AddMinutes(m) : null };

        Assert.Equal(expected, AlertsPageModel.SinceText(alert, DisplayZone.UtcZone));
    }

    [Theory]
    [InlineData("Sent", "Sent 2026-11-25 12:05:00 UTC")]
    [InlineData("Pending", "Waiting, next try 2026-11-25 12:10:00 UTC")]
    [InlineData("NoRecipients", "Not sent: no recipients")]
    public void DeliveryOf_Status_WhatHappenedAndWhen(string status, string expected) =>
        Assert.Equal(expected, AlertsPageModel.DeliveryOf(new AlertMailView(1, "Broken", "s", [], status, 1, At, null, At.AddMinutes(10), null, At.AddMinutes(5), null), DisplayZone.UtcZone));

    [Fact]
    public void Acknowledged_Note_Forgotten()
    {
        var page = new AlertsPageModel { Alerts = [Alert("Open", "Broken"), Alert("Closed", "Broken")] };
        page.SetNote(1, "on it");

        Assert.Equal("on it", page.NoteOf(1));
        page.Acknowledged(1);

        Assert.Null(page.NoteOf(1));
        Assert.Equal(1, page.OpenCount);
    }

    private static AlertView Alert(string state, string condition, string? outcome = null) =>
        new(1, "k", "f", "Website -> ShoppingDb", state, condition, At, At, null, null, outcome, null, false, null, null, null, null, null, [], []);
}
