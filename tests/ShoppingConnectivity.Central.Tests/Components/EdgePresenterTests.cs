using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Components;

public sealed class EdgePresenterTests
{
    [Theory]
    [InlineData(EdgeColour.Green, "#2e7d32", "#66bb6a")]
    [InlineData(EdgeColour.Amber, "#b26a00", "#ffb74d")]
    [InlineData(EdgeColour.Red, "#c62828", "#ef5350")]
    [InlineData(EdgeColour.Off, "#9e9e9e", "#9e9e9e")]
    [InlineData(EdgeColour.Grey, "#757575", "#b0bec5")]
    public void LineColour_EachState_LightAndDarkShade(EdgeColour colour, string light, string dark)
    {
        Assert.Equal(light, EdgePresenter.LineColour(colour));
        Assert.Equal(dark, EdgePresenter.LineColour(colour, dark: true));
    }

    [Theory]
    [InlineData(EdgeColour.Amber, "#8a5300")]
    [InlineData(EdgeColour.Off, "#616161")]
    [InlineData(EdgeColour.Red, "#c62828")]
    public void TextColour_OnWhite_DarkerWhereTheLineLacksContrast(EdgeColour colour, string expected) =>
        Assert.Equal(expected, EdgePresenter.TextColour(colour));

    [Fact]
    public void TextColour_Dark_TheDarkLineShade()
    {
        foreach (var colour in Enum.GetValues<EdgeColour>())
            Assert.Equal(EdgePresenter.LineColour(colour, dark: true), EdgePresenter.TextColour(colour, dark: true));
    }

    [Fact]
    public void Icon_EachState_Distinct() =>
        Assert.Equal(Enum.GetValues<EdgeColour>().Length, Enum.GetValues<EdgeColour>().Select(EdgePresenter.Icon).Distinct().Count());

    [Fact]
    public void Caption_EachState_IconAndCoreWord()
    {
        Assert.Equal("\u2716 Broken", EdgePresenter.Caption(EdgeColour.Red));
        foreach (var colour in Enum.GetValues<EdgeColour>())
        {
            Assert.Equal(EdgeState.LabelFor(colour), EdgePresenter.Label(colour));
            Assert.Equal($"{EdgePresenter.Icon(colour)} {EdgeState.LabelFor(colour)}", EdgePresenter.Caption(colour));
        }
    }

    [Theory]
    [InlineData(ProbeOutcome.Reachable, false, false, EdgeColour.Green)]
    [InlineData(ProbeOutcome.Reachable, true, false, EdgeColour.Amber)]
    [InlineData(ProbeOutcome.TimedOut, true, false, EdgeColour.Red)]
    [InlineData(ProbeOutcome.Refused, false, true, EdgeColour.Grey)]
    [InlineData(ProbeOutcome.Reachable, true, true, EdgeColour.Grey)]
    public void ColourOf_Link_SilentBeforeFailingBeforeDegraded(ProbeOutcome outcome, bool degraded, bool stale, EdgeColour expected) =>
        Assert.Equal(expected, EdgePresenter.ColourOf(outcome, degraded, stale));

    [Theory]
    [InlineData(ProbeOutcome.Reachable, false, false, "\u2714 Reachable")]
    [InlineData(ProbeOutcome.Reachable, true, false, "\u2714 Reachable (degraded)")]
    [InlineData(ProbeOutcome.TimedOut, false, true, "\u2716 TimedOut (silent)")]
    public void Caption_Link_IconOutcomeAndQualifiers(ProbeOutcome outcome, bool degraded, bool stale, string expected) =>
        Assert.Equal(expected, EdgePresenter.Caption(outcome, degraded, stale));
}
