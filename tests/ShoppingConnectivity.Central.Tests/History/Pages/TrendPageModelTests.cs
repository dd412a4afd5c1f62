using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.History.Pages;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.History.Pages;

public sealed class TrendPageModelTests
{
    private const string SqlFlow = "website-shoppingdb-sql";
    private const string LdapFlow = "website-dc-ldap";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    // The test estate's db01 listens on 47101 (a host port override): titles must name it, not the catalogue's 1433.
    private readonly TrendPageModel _model = new(FlowCatalogue.Default, () => TestEstates.Sample);

    [Fact]
    public void Read_NoQuery_TheLast24Hours()
    {
        _model.Read(null, null, null, null, null, Now);

        Assert.Equal("24h", _model.Range);
        Assert.Equal((Now.AddDays(-1), Now), (_model.From, _model.To));
        Assert.Null(_model.FlowId);
    }

    [Fact]
    public void Read_NamedRange_EndsNowWhateverFromSays()
    {
        _model.Read(SqlFlow, "7d", "2026-01-01T00:00:00Z", null, null, Now);

        Assert.Equal((Now.AddDays(-7), Now), (_model.From, _model.To));
    }

    [Theory]
    [InlineData("1h", 1)]
    [InlineData("6h", 6)]
    [InlineData("24h", 24)]
    [InlineData("7d", 7 * 24)]
    [InlineData("30d", 30 * 24)]
    [InlineData("90d", 90 * 24)]
    [InlineData("1y", 365 * 24)]
    public void Read_QuickRange_ThatManyHoursUpToNow(string range, int hours)
    {
        _model.Read(SqlFlow, range, null, null, null, Now);

        Assert.Equal(range, _model.Range);
        Assert.Equal((Now.AddHours(-hours), Now), (_model.From, _model.To));
    }

    [Fact]
    public void Ranges_QuickRanges_IncidentToYearInOrder() =>
        Assert.Equal(["1h", "6h", "24h", "7d", "30d", "90d", "1y"], TrendPageModel.Ranges.Select(r => r.Key));

    [Fact]
    public void CustomQuery_ReaderZone_24HourTextReadInIt()
    {
        var model = new TrendPageModel(FlowCatalogue.Default, () => TestEstates.Sample, DisplayZone.Of("Europe/Berlin", null));
        model.Read(null, "24h", null, null, null, Now);

        var query = model.CustomQuery("2026-11-18 18:30", isFrom: true);

        Assert.Equal("2026-11-18T17:30:00.0000000+00:00", query!["from"]);
    }

    [Fact]
    public void Read_FromAndToWithoutRange_Custom()
    {
        _model.Read(SqlFlow, null, "2026-11-19T10:00:00+02:00", "2026-11-19T12:00:00Z", null, Now);

        Assert.Equal(TrendPageModel.CustomRange, _model.Range);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero), _model.From);
        Assert.Equal(TimeSpan.Zero, _model.From.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero), _model.To);
    }

    [Fact]
    public void Read_CustomWithoutFrom_24HoursBeforeTo()
    {
        _model.Read(null, "custom", "not a time", "2026-11-19T12:00:00Z", null, Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero), _model.From);
    }

    [Fact]
    public void Read_EmptyFlowAndCompare_WholeEstateAlone()
    {
        _model.Read("", null, null, null, "", Now);

        Assert.Null(_model.FlowId);
        Assert.Null(_model.Compare);
        Assert.Equal("Whole estate", _model.Title);
    }

    [Fact]
    public async Task LoadAsync_UnknownCompare_ErrorAndNothingRead()
    {
        _model.Read(SqlFlow, null, null, null, "nope", Now);
        var reads = 0;

        await _model.LoadAsync((_, _, _) => { reads++; return Task.FromResult(TrendOf(SqlFlow)); });

        Assert.Equal("flow: unknown flow 'nope'.", _model.Error);
        Assert.Null(_model.Trend);
        Assert.Equal(0, reads);
    }

    [Fact]
    public async Task LoadAsync_FromAfterTo_Error()
    {
        _model.Read(null, "custom", "2026-11-20T12:00:00Z", "2026-11-20T10:00:00Z", null, Now);

        await _model.LoadAsync((flow, _, _) => Task.FromResult(TrendOf(flow)));

        Assert.StartsWith("from: ", _model.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WithCompare_BothSeriesOnePointPerStep()
    {
        _model.Read(SqlFlow, "24h", null, null, LdapFlow, Now);
        var read = new List<string?>();

        await _model.LoadAsync((flow, from, to) =>
        {
            read.Add(flow);
            return Task.FromResult(TrendOf(flow, from, to, Point(Now.AddHours(-2), 99.5, 12)));
        });

        Assert.Null(_model.Error);
        Assert.Equal([SqlFlow, LdapFlow], read);
        Assert.Equal([_model.TitleOf(SqlFlow), _model.TitleOf(LdapFlow)], _model.UptimeSeries.Select(s => s.Name));
        Assert.Equal(2, _model.LatencySeries.Count);
        var uptime = _model.UptimeSeries[0].Values;
        Assert.Equal(96, uptime.Count); // 24 hours of 15-minute steps
        Assert.Equal(96, _model.Starts.Count);
        Assert.Equal(99.5, uptime[88]);
        Assert.Equal(12, _model.LatencySeries[1].Values[88]);
    }

    [Fact]
    public async Task LoadAsync_StepWithoutProbeRuns_GapNotZeroNorHundred()
    {
        _model.Read(SqlFlow, "1h", null, null, null, Now);

        await _model.LoadAsync((flow, from, to) => Task.FromResult(TrendOf(flow, from, to,
            Point(Now.AddMinutes(-50), 100, 5), new TrendPoint(Now.AddMinutes(-40), 0, 0, null, null, null, null, null)) with { Step = TimeSpan.FromMinutes(1) }));

        var uptime = _model.UptimeSeries[0].Values;
        Assert.Equal(60, uptime.Count);
        Assert.Equal(100, uptime[10]);
        Assert.Null(uptime[20]);
        Assert.Equal(59, uptime.Count(v => v is null));
        Assert.Equal(2, _model.UptimeChart!.Gaps().Count); // before and after the one step with results
        Assert.Equal([(Now.AddMinutes(-50), Now.AddMinutes(-49))], _model.Covered);
    }

    [Fact]
    public async Task Empty_NoResultInEitherEdge_True()
    {
        _model.Read(SqlFlow, null, null, null, LdapFlow, Now);

        await _model.LoadAsync((flow, from, to) => Task.FromResult(TrendOf(flow, from, to)));

        Assert.True(_model.Empty);
    }

    [Fact]
    public void RangeQuery_Custom_StartsFromTheRangeShown()
    {
        _model.Read(null, "7d", null, null, null, Now);

        var query = _model.RangeQuery(TrendPageModel.CustomRange);

        Assert.Equal("custom", query["range"]);
        Assert.Equal("2026-11-13T14:00:00.0000000+00:00", query["from"]);
        Assert.Equal("2026-11-20T14:00:00.0000000+00:00", query["to"]);
    }

    [Fact]
    public void RangeQuery_Named_DropsFromAndTo()
    {
        _model.Read(null, "custom", "2026-11-19T00:00:00Z", null, null, Now);

        var query = _model.RangeQuery("30d");

        Assert.Equal("30d", query["range"]);
        Assert.Null(query["from"]);
        Assert.Null(query["to"]);
    }

    [Fact]
    public void CustomQuery_NewFrom_KeepsTo()
    {
        _model.Read(null, "24h", null, null, null, Now);

        var query = _model.CustomQuery("2026-11-18T06:30", isFrom: true);

        Assert.Equal("2026-11-18T06:30:00.0000000+00:00", query!["from"]);
        Assert.Equal("2026-11-20T14:00:00.0000000+00:00", query["to"]);
    }

    [Fact]
    public void CustomQuery_NotATime_Null()
    {
        _model.Read(null, null, null, null, null, Now);

        Assert.Null(_model.CustomQuery("", isFrom: false));
    }

    [Fact]
    public void ZoomQuery_DraggedSpanOfANamedRange_ThatSpanToWholeMinutesAndTheRangeToGoBackTo()
    {
        _model.Read(SqlFlow, "24h", null, null, null, Now);

        // A quarter to a half across 24 hours: 06:00 to 12:00 after 14:00 the day before, dragged right to left.
        var query = _model.ZoomQuery(0.5, 0.25)!;

        Assert.Equal("custom", query["range"]);
        Assert.Equal("2026-11-19T20:00:00.0000000+00:00", query["from"]);
        Assert.Equal("2026-11-20T02:00:00.0000000+00:00", query["to"]);
        Assert.Equal("24h", query["zoomed"]);
    }

    [Fact]
    public void ZoomQuery_OffMinuteEnds_WidenedToWholeMinutesWithinTheRange()
    {
        _model.Read(null, "custom", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", null, Now);

        var query = _model.ZoomQuery(0.0125, 0.5125)!; // 10:00:45 to 10:30:45

        Assert.Equal("2026-11-20T10:00:00.0000000+00:00", query["from"]);
        Assert.Equal("2026-11-20T10:31:00.0000000+00:00", query["to"]);
        Assert.Equal("2026-11-20T10:00:00.0000000+00:00/2026-11-20T11:00:00.0000000+00:00", query["zoomed"]);
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.5, 0.5001)] // 8.6 s of a day: less than a minute
    [InlineData(double.NaN, 0.5)]
    [InlineData(0.1, double.PositiveInfinity)]
    public void ZoomQuery_NotASpan_Null(double start, double end)
    {
        _model.Read(null, "24h", null, null, null, Now);

        Assert.Null(_model.ZoomQuery(start, end));
    }

    [Fact]
    public void ZoomQuery_BeyondThePlot_ClampedToTheRange()
    {
        _model.Read(null, "custom", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", null, Now);

        var query = _model.ZoomQuery(-0.2, 1.7)!;

        Assert.Equal(("2026-11-20T10:00:00.0000000+00:00", "2026-11-20T11:00:00.0000000+00:00"), (query["from"], query["to"]));
    }

    [Fact]
    public void ZoomQuery_ZoomedAgain_KeepsTheFirstRangeToGoBackTo()
    {
        _model.Read(null, "custom", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", null, Now, zoomed: "7d");

        Assert.Equal("7d", _model.ZoomQuery(0, 0.5)!["zoomed"]);
    }

    [Theory]
    [InlineData("7d", "7d", null, null)]
    [InlineData("2026-11-01T00:00:00Z/2026-11-02T00:00:00Z", "custom", "2026-11-01T00:00:00.0000000+00:00", "2026-11-02T00:00:00.0000000+00:00")]
    public void ResetZoomQuery_Zoomed_TheRangeBeforeTheFirstDrag(string zoomed, string range, string? from, string? to)
    {
        _model.Read(null, "custom", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", null, Now, zoomed);

        var query = _model.ResetZoomQuery()!;

        Assert.Equal((range, from, to), (query["range"], query["from"], query["to"]));
        Assert.Null(query["zoomed"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5y")]
    [InlineData("2026-11-02T00:00:00Z/2026-11-01T00:00:00Z")] // ends before it starts
    [InlineData("yesterday/today")]
    public void Read_ZoomedNotARange_NotZoomed(string? zoomed)
    {
        _model.Read(null, "custom", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", null, Now, zoomed);

        Assert.Null(_model.Zoomed);
        Assert.Null(_model.ResetZoomQuery());
    }

    [Fact]
    public void RangeQuery_AndCustomQuery_LeaveTheZoom()
    {
        _model.Read(null, "custom", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", null, Now, "24h");

        Assert.Null(_model.RangeQuery("7d")["zoomed"]);
        Assert.True(_model.RangeQuery("7d").ContainsKey("zoomed"));
        Assert.Null(_model.CustomQuery("2026-11-20 09:00", isFrom: true)!["zoomed"]);
    }

    [Theory]
    [InlineData(null, "?q=1", "/trends?q=1")]
    [InlineData("", "", "/trends")]
    [InlineData(SqlFlow, "?range=7d", "/trends/" + SqlFlow + "?range=7d")]
    public void PathOf_Flow_KeepsTheQuery(string? flowId, string query, string expected) =>
        Assert.Equal(expected, TrendPageModel.PathOf(flowId, query));

    [Fact]
    public void CsvUrl_Flow_FlowAndRange()
    {
        _model.Read(SqlFlow, "24h", null, null, null, Now);

        Assert.Equal($"/api/v1/history/trend.csv?flow={SqlFlow}&from=2026-11-19T14%3A00%3A00.0000000%2B00%3A00&to=2026-11-20T14%3A00%3A00.0000000%2B00%3A00", _model.CsvUrl);
    }

    [Fact]
    public async Task ReplayUrl_Outages_AtTheFirst()
    {
        _model.Read(SqlFlow, "24h", null, null, null, Now);
        await _model.LoadAsync((flow, from, to) => Task.FromResult(TrendOf(flow, from, to) with { Outages = [Outage(EdgeColour.Red, Now.AddHours(-3), Now.AddHours(-2))] }));

        Assert.Equal("/replay?at=2026-11-20T11%3A00%3A00.0000000%2B00%3A00", _model.ReplayUrl);
    }

    [Fact]
    public void TitleOf_HostPortOverride_RoleNamesAndThePortProbed()
    {
        var flow = FlowCatalogue.Default.FindFlow(SqlFlow)!;

        Assert.Equal($"{FlowCatalogue.Default.FindRole(flow.From)!.Name} \u2192 {FlowCatalogue.Default.FindRole(flow.To)!.Name}, TCP 47101", _model.TitleOf(SqlFlow));
        Assert.Equal("gone-flow", _model.TitleOf("gone-flow"));
        Assert.Equal("Whole estate", _model.TitleOf(null));
    }

    [Fact]
    public void OutageSummary_BrokenAndPartial_CountsTheBrokenWithTheLongest()
    {
        _model.Read(null, null, null, null, null, Now);
        var trend = TrendOf(null) with
        {
            Outages =
            [
                Outage(EdgeColour.Red, Now.AddHours(-5), Now.AddHours(-5).AddMinutes(15)),
                Outage(EdgeColour.Amber, Now.AddHours(-4), Now.AddHours(-1)),
                Outage(EdgeColour.Red, Now.AddMinutes(-42), null),
            ],
        };

        Assert.Equal("2, longest 42 min", _model.OutageSummary(trend));
        Assert.Equal("none", _model.OutageSummary(TrendOf(null)));
    }

    [Fact]
    public void Lasted_Ongoing_UntilNowAndSaysSo()
    {
        _model.Read(null, null, null, null, null, Now);

        Assert.Equal("42 min (ongoing)", _model.Lasted(Outage(EdgeColour.Red, Now.AddMinutes(-42), null)));
        Assert.Equal("15 min", _model.Lasted(Outage(EdgeColour.Red, Now.AddHours(-5), Now.AddHours(-5).AddMinutes(15))));
    }

    [Fact]
    public void Lasted_OpenAtTheEndOfAPastRange_UntilTheRangesEndAndSaysSoNotOngoing()
    {
        // Zoomed into 10:00-11:00 at 14:00: an outage from 10:45 still open at 11:00 lasted 15 minutes or more, not 3 h 15.
        _model.Read(null, "custom", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", null, Now);
        var outage = Outage(EdgeColour.Red, Now.AddHours(-3).AddMinutes(-15), null);

        Assert.Equal("15 min or more (past the range's end)", _model.Lasted(outage));
        Assert.Equal("1, longest 15 min", _model.OutageSummary(TrendOf(null) with { Outages = [outage] }));
    }

    [Fact]
    public void ZoomUrl_PastOutage_AQuarterOfItsLengthEitherSideAtLeast15MinutesAndTheRangeToGoBackTo()
    {
        _model.Read(SqlFlow, "7d", null, null, null, Now);

        var url = _model.ZoomUrl(Outage(EdgeColour.Red, Now.AddHours(-5), Now.AddHours(-3)));

        Assert.Equal($"/trends/{SqlFlow}?range=custom&from=2026-11-20T08%3A30%3A00.0000000%2B00%3A00&to=2026-11-20T11%3A30%3A00.0000000%2B00%3A00&zoomed=7d", url);
    }

    [Fact]
    public void ZoomUrl_OngoingOutage_UntilNow()
    {
        _model.Read(SqlFlow, "24h", null, null, null, Now);

        var url = _model.ZoomUrl(Outage(EdgeColour.Red, Now.AddMinutes(-10), null));

        Assert.Contains("from=2026-11-20T13%3A35%3A00.0000000%2B00%3A00&to=2026-11-20T14%3A00%3A00.0000000%2B00%3A00", url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, "h1, h2, h3, h4")]
    [InlineData(6, "h1, h2, h3 and 3 more")]
    public void Shorten_Items_FourAtMost(int count, string expected) =>
        Assert.Equal(expected, TrendPageModel.Shorten(Enumerable.Range(1, count).Select(i => $"h{i}").ToList()));

    private static Trend TrendOf(string? flowId) => TrendOf(flowId, Now.AddDays(-1), Now);

    private static Trend TrendOf(string? flowId, DateTimeOffset from, DateTimeOffset to, params TrendPoint[] points) =>
        new(flowId, from, to, RollupResolution.Minute, TimeSpan.FromMinutes(15), points, points.Sum(p => p.Total), null, null, []);

    private static TrendPoint Point(DateTimeOffset start, double uptime, double p95) => new(start, 60, 59, uptime, p95, p95, p95, p95);

    private static EdgePeriod Outage(EdgeColour colour, DateTimeOffset start, DateTimeOffset? end) =>
        new(SqlFlow, colour, start, end, new Dictionary<ProbeOutcome, int> { [ProbeOutcome.TimedOut] = 2 }, ["db01"], "2 of 2 links failing");
}
