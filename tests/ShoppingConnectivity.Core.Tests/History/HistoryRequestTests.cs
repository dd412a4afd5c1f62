using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Core.Tests.History;

public class HistoryRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;

    [Fact]
    public void Range_NoParameters_TheLast24Hours()
    {
        var range = HistoryRequest.Range(null, null, null, Now, Catalogue);

        Assert.True(range.IsValid);
        Assert.Equal((Now.AddDays(-1), Now), (range.From, range.To));
    }

    [Fact]
    public void Range_TimesWithoutOffset_ReadAsUtc()
    {
        var range = HistoryRequest.Range("website-shoppingdb-sql", "2026-11-01T00:00", "2026-11-02T06:30:00+01:00", Now, Catalogue);

        Assert.True(range.IsValid);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 5, 30, 0, TimeSpan.Zero), range.To);
    }

    [Fact]
    public void Range_BadTimes_NameEachParameter()
    {
        var range = HistoryRequest.Range(null, "yesterday", "now", Now, Catalogue);

        Assert.Equal(["to: 'now' is not a date and time (ISO 8601).", "from: 'yesterday' is not a date and time (ISO 8601)."], range.Errors);
    }

    [Fact]
    public void Range_ToAtTheStartOfTime_AsksForFromInsteadOfOverflowing()
    {
        var range = HistoryRequest.Range(null, null, "0001-01-01T00:00:00Z", Now, Catalogue);

        Assert.Equal(["to: '0001-01-01T00:00:00Z' leaves no 24 hours before it for the default range; give from as well."], range.Errors);
    }

    [Fact]
    public void Range_UnknownFlowBackwardsAndTooLong_EachSaid()
    {
        Assert.Equal(["flow: unknown flow 'nope'."], HistoryRequest.Range("nope", null, null, Now, Catalogue).Errors);
        Assert.StartsWith("from: ", Assert.Single(HistoryRequest.Range(null, "2026-11-02", "2026-11-01", Now, Catalogue).Errors), StringComparison.Ordinal);
        Assert.Equal(["to: the range is 401 days; at most 400."], HistoryRequest.Range(null, "2025-10-01", "2026-11-06", Now, Catalogue).Errors);
    }

    [Fact]
    public void Month_NoneGiven_ThisMonthInUtc()
    {
        var month = HistoryRequest.Month(null, null, Now);

        Assert.True(month.IsValid);
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (month.From, month.To));
    }

    [Theory]
    [InlineData("2026-13", null, "month: '2026-13' is not a month as yyyy-MM (e.g. 2026-11).")]
    [InlineData("2026-10", 0.0, "target: 0 is not a percentage above 0 and at most 100.")]
    [InlineData("2026-10", 100.5, "target: 100.5 is not a percentage above 0 and at most 100.")]
    [InlineData("2026-10", double.NaN, "target: NaN is not a percentage above 0 and at most 100.")]
    public void Month_BadMonthOrTarget_NamesIt(string month, double? target, string error) =>
        Assert.Equal([error], HistoryRequest.Month(month, target, Now).Errors);

    [Fact]
    public void Moment_Iso8601OrNot_ParsedOrNamed()
    {
        Assert.Equal((new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.Zero), 0), (HistoryRequest.Moment("at", "2026-11-24T23:30:00Z").At, HistoryRequest.Moment("at", "2026-11-24T23:30:00Z").Errors.Count));
        Assert.Equal(["at: 'soon' is not a date and time (ISO 8601, e.g. 2026-11-24T23:30:00Z)."], HistoryRequest.Moment("at", "soon").Errors);
    }
}
