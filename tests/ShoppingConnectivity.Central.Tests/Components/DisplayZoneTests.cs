using ShoppingConnectivity.Central.Components;

namespace ShoppingConnectivity.Central.Tests.Components;

public sealed class DisplayZoneTests
{
    [Fact]
    public void Of_NoChoice_TheBrowsersZone()
    {
        var zone = DisplayZone.Of(null, "Europe/Berlin");

        Assert.Equal("Europe/Berlin", zone.Id);
        Assert.Equal(DisplayZone.Browser, zone.Choice);
    }

    [Fact]
    public void Of_BrowserNotKnownYet_Utc()
    {
        var zone = DisplayZone.Of(DisplayZone.Browser, null);

        Assert.True(zone.IsUtc);
        Assert.Equal("UTC", zone.NameAt(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Of_UtcChosen_UtcWhateverTheBrowser() => Assert.True(DisplayZone.Of("utc", "Asia/Tokyo").IsUtc);

    [Fact]
    public void Of_ZoneChosen_ThatZoneWhateverTheBrowser() => Assert.Equal("Asia/Tokyo", DisplayZone.Of("Asia/Tokyo", "Europe/Berlin").Id);

    /// <summary>Chromium in India says "Asia/Calcutta" (CLDR's name): people read the zone's current IANA name.</summary>
    [Theory]
    [InlineData("Asia/Calcutta", "Asia/Kolkata")]
    [InlineData("Europe/Kiev", "Europe/Kyiv")]
    [InlineData("Asia/Saigon", "Asia/Ho_Chi_Minh")]
    public void Of_BrowsersOlderName_TheCurrentName(string browser, string shown)
    {
        var zone = DisplayZone.Of(null, browser);

        Assert.Equal(shown, zone.Id);
        Assert.False(zone.IsUtc);
    }

    /// <summary>A zone this server does not know is shown as UTC and named so: never a local time that is wrong.</summary>
    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    public void Of_UnknownZone_UtcNamedUtc(string browser)
    {
        var zone = DisplayZone.Of(null, browser);

        Assert.True(zone.IsUtc);
        Assert.Equal("UTC", zone.Id);
    }

    [Theory]
    [InlineData("browser", true)]
    [InlineData("UTC", true)]
    [InlineData("Europe/London", true)]
    [InlineData("Europe/Atlantis", false)]
    [InlineData("", false)]
    public void IsValidChoice_Choice_OnlyKnownZones(string choice, bool valid) => Assert.Equal(valid, DisplayZone.IsValidChoice(choice));

    [Fact]
    public void NameAt_OffsetZero_SaysPlusZeroNotUtc() =>
        Assert.Equal("UTC+0", DisplayZone.Of("Europe/London", null).NameAt(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void NameAt_NegativeHalfHour_SignAndMinutes() =>
        Assert.Equal("UTC-3:30", DisplayZone.Of("America/St_Johns", null).NameAt(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void TimeZoneNames_PartOfTheName_MatchesIgnoringCaseAndSpaces()
    {
        Assert.Contains("Europe/London", TimeZoneNames.Matching("london"));
        Assert.Contains("America/New_York", TimeZoneNames.Matching("new york"));
        Assert.DoesNotContain("Europe/London", TimeZoneNames.Matching("paris"));
    }
}
