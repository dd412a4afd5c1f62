using ShoppingConnectivity.Central.Diagram;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class TextWidthTests
{
    [Fact]
    public void Of_DigitsAndLetters_UseDejaVuSansWidths()
    {
        // DejaVu Sans: every digit 0.636 em, "i" 0.278 em, "W" 0.989 em.
        Assert.Equal(6.36 * 4, TextWidth.Of("1433", 10), 6);
        Assert.Equal(2.78 + 9.89, TextWidth.Of("iW", 10), 6);
    }

    [Fact]
    public void Of_Bold_IsATenthWider()
    {
        Assert.Equal(TextWidth.Of("Reachable", 11) * 1.1, TextWidth.Of("Reachable", 11, bold: true), 6);
    }

    [Fact]
    public void Of_StateIcon_CountsAsAWideSymbol()
    {
        Assert.Equal(9.0, TextWidth.Of("\u2716", 10), 6);
    }
}
