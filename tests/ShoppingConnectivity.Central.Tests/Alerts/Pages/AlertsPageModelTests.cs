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

    [Theory]
    [InlineData(null, AlertSort.State, false)]
    [InlineData("Duration", AlertSort.Duration, true)]
    [InlineData("Edge", AlertSort.Edge, false)]
    [InlineData("nonsense", AlertSort.State, false)]
    public void QueryFor_PageSortAndFilters_OnePageInTheDatabase(string? label, AlertSort sort, bool descending)
    {
        var page = new AlertsPageModel();
        page.Filter("unacknowledged", " website-shoppingdb-sql ", "db01", "  ");

        var query = page.QueryFor(2, 25, label, descending);

        Assert.Equal(new AlertQuery(AlertStateFilter.Unacknowledged, "website-shoppingdb-sql", "db01", null, sort, label is null ? false : descending, 50, 25), query);
        Assert.True(page.IsFiltered);
    }

    [Theory]
    [InlineData("Closed", AlertStateFilter.Closed)]
    [InlineData("BROKEN", AlertStateFilter.Broken)]
    [InlineData("42", AlertStateFilter.All)]
    [InlineData("nope", AlertStateFilter.All)]
    [InlineData(null, AlertStateFilter.All)]
    public void Filter_StateFromTheAddress_KnownStatesOnly(string? state, AlertStateFilter expected)
    {
        var page = new AlertsPageModel();

        page.Filter(state, null, null, null);

        Assert.Equal(expected, page.State);
    }

    [Fact]
    public void Acknowledgeable_Ticked_OnlyOpenNotYetAcknowledged()
    {
        var page = new AlertsPageModel();
        page.Selected.Add(Row(3, "Open"));
        page.Selected.Add(Row(1, "Open"));
        page.Selected.Add(Row(2, "Closed"));
        page.Selected.Add(Row(4, "Open") with { AcknowledgedAt = At, AcknowledgedBy = "ops.jane" });
        // The same alert again (a reload): still one tick.
        page.Selected.Add(Row(3, "Open") with { Edge = "reloaded" });

        Assert.Equal([1L, 3L], page.Acknowledgeable);
        Assert.Equal(4, page.Selected.Count);
    }

    [Fact]
    public void Acknowledged_SomeRefused_SaysBothAndClearsTheTicks()
    {
        var page = new AlertsPageModel { BulkNote = "CHG-42" };
        page.Selected.Add(Row(1, "Open"));

        page.Acknowledged(2, ["Alert 7: it is closed."]);

        Assert.Equal(("2 alerts acknowledged.", "Alert 7: it is closed."), (page.Done, page.Error));
        Assert.Empty(page.Selected);
        Assert.Null(page.BulkNote);
    }

    [Fact]
    public void Row_DurationAndBlamedHost_LiveUntilRecovered()
    {
        var open = Row(1, "Open") with { Hosts = "web01 \u2192 db01:1433, web02 \u2192 db01:1433", Suspect = "db01" };
        var recovered = open with { RecoveredAt = At.AddMinutes(42) };

        Assert.Equal("2 h 0 min", AlertsPageModel.DurationText(open, At.AddHours(2)));
        Assert.Equal("42 min", AlertsPageModel.DurationText(recovered, At.AddHours(2)));
        Assert.Equal("db01", AlertsPageModel.BlamedHost(open));
        Assert.Equal(("Not yet", "-"), (AlertsPageModel.AcknowledgedText(open), AlertsPageModel.AcknowledgedText(Row(2, "Closed"))));
    }

    [Theory]
    [InlineData(null, "No mail")]
    [InlineData("Sent", "Sent 2026-11-25 12:05:00 UTC")]
    [InlineData("Pending", "Waiting, next try 2026-11-25 12:10:00 UTC")]
    [InlineData("NoRecipients", "Not sent: no recipients")]
    public void DeliveryOf_RowsLastMail_WhatHappened(string? status, string expected) =>
        Assert.Equal(expected, AlertsPageModel.DeliveryOf(status is null ? null : new AlertRowMail(1, status, At, At.AddMinutes(5), At.AddMinutes(10), null), DisplayZone.UtcZone));

    private static AlertRow Row(long id, string state) =>
        new(id, "f", "edge", state, state == "Open" ? "Broken" : "Ok", At, null, "TimedOut", null, false, null, null, null, null);

    private static AlertView Alert(string state, string condition, string? outcome = null) =>
        new(1, "k", "f", "Website -> ShoppingDb", state, condition, At, At, null, null, outcome, null, false, null, null, null, null, null, [], []);
}
