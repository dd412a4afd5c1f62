using ShoppingConnectivity.Central.Components;

namespace ShoppingConnectivity.Central.Tests.Components;

public sealed class UserThemeTests
{
    private readonly UserTheme _theme = new();
    private int _changes;

    public UserThemeTests() => _theme.Changed += () => _changes++;

    [Fact]
    public void UserTheme_NothingKnown_FollowsTheSystemDrawnLight()
    {
        Assert.Equal(UserTheme.System, _theme.Choice);
        Assert.Null(_theme.SystemDark);
        Assert.False(_theme.IsDark);
    }

    [Fact]
    public void SystemIs_DarkWhileFollowing_DarkAndChanged()
    {
        _theme.Use("system", "light");

        _theme.SystemIs(true);

        Assert.True(_theme.IsDark);
        Assert.Equal(1, _changes);
    }

    [Fact]
    public void SystemIs_DarkWhenLightWasChosen_StaysLight()
    {
        _theme.Use("light", "light");

        _theme.SystemIs(true);

        Assert.False(_theme.IsDark);
        Assert.Equal(0, _changes);
    }

    [Fact]
    public void SystemIs_Unchanged_NoChange()
    {
        _theme.Use(null, "dark");

        _theme.SystemIs(true);

        Assert.Equal(0, _changes);
    }

    [Fact]
    public void Choose_UnknownWord_RefusedNothingChanged()
    {
        _theme.Use("dark", null);

        Assert.False(_theme.Choose("purple"));
        Assert.Equal(UserTheme.Dark, _theme.Choice);
        Assert.Equal(0, _changes);
    }

    [Fact]
    public void Choose_Light_OverridesADarkSystem()
    {
        _theme.Use(null, "dark");

        Assert.True(_theme.Choose(UserTheme.Light));

        Assert.False(_theme.IsDark);
        Assert.Equal(1, _changes);
    }

    [Theory]
    [InlineData("Dark", "DARK")]
    [InlineData("", "")]
    public void Use_CookiesNotOurWords_SystemUnknown(string choice, string scheme)
    {
        _theme.Use(choice, scheme);

        Assert.Equal(UserTheme.System, _theme.Choice);
        Assert.Null(_theme.SystemDark);
    }
}
