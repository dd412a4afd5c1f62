namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// How wide a line of diagram text is drawn, estimated with DejaVu Sans's advance widths: the widest of the usual
/// sans-serif fonts (Debian's chromium falls back to it), so boxes sized with it hold the text in any browser.
/// </summary>
public static class TextWidth
{
    // Advance widths in thousandths of an em, ASCII 32..126.
    private static readonly int[] Widths =
    [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, // space ! " # $ % & ' ( ) * + , - . /
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, // 0-9 : ; < = > ?
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, // @ A-O
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, // P-Z [ \ ] ^ _
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, // ` a-o
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838, // p-z { | } ~
    ];

    /// <summary>Width in diagram units of <paramref name="text"/> at <paramref name="size"/> units; bold is about a tenth wider.</summary>
    public static double Of(string text, double size, bool bold = false)
    {
        var thousandths = 0.0;
        foreach (var c in text)
        {
            // Symbols (state icons, arrows) and letters beyond ASCII: as wide as the widest DejaVu symbols.
            thousandths += c is >= ' ' and <= '~' ? Widths[c - ' '] : 900;
        }

        return thousandths / 1000 * size * (bold ? 1.1 : 1.0);
    }
}
