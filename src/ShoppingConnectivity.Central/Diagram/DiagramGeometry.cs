namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// The sizes a diagram is drawn with, in its own units (its viewBox's): the canvas, the role boxes, the chips and the
/// room kept between them. Chips are sized for DejaVu Sans, the widest of the usual sans-serif fonts, so the text stays
/// inside them whatever font the browser picks.
/// </summary>
/// <param name="Width">The canvas.</param>
/// <param name="Height">The canvas.</param>
/// <param name="NodeWidth">A role's box.</param>
/// <param name="NodeHeight">A role's box.</param>
/// <param name="ChipMinWidth">The least width of a chip.</param>
/// <param name="ChipHeight">A chip: two lines of text (protocol and ports; state word and share).</param>
/// <param name="FontSize">The chips' text and the smaller lines of a role's box.</param>
/// <param name="ChipGap">Room between the chips of a group.</param>
/// <param name="LabelMargin">Room round each chip group and each box.</param>
/// <param name="Compact">Chips of one line (icon, protocol, ports: the state word and share are in its name and
/// tooltip) and boxes without a subtitle, for a screen too small for the full diagram at a readable size.</param>
public sealed record DiagramGeometry(
    double Width, double Height, double NodeWidth, double NodeHeight,
    double ChipMinWidth, double ChipHeight, double FontSize, double ChipGap, double LabelMargin, bool Compact = false)
{
    /// <summary>
    /// 2:1, so the whole diagram fits one screen at 1920x1080 with its text at 11 px; chips and groups 7 units apart
    /// stay 4 px apart even on a 1280x720 laptop.
    /// </summary>
    public static DiagramGeometry Full { get; } = new(1500, 750, 210, 62, 148, 34, 11, 7, 7);

    /// <summary>
    /// A laptop or a phone: the canvas about as wide as a 1280 px window leaves the diagram, so its 12-unit text is
    /// drawn at 12 px there and larger on wider windows; one-line chips and smaller boxes keep it as clear of overlaps
    /// and crossings as the full one (DiagramLayoutTests, DiagramReadabilityBrowserTests).
    /// </summary>
    public static DiagramGeometry Small { get; } = new(1220, 530, 170, 46, 40, 20, 12, 5, 5, Compact: true);

    /// <summary>
    /// Below a full HD window the full diagram would draw its text under 11 px (6.4 px at 1280x720): such windows get
    /// <see cref="Small"/>, fitted to the window's width with the problem list below it.
    /// </summary>
    public static DiagramGeometry ForWindow(int width, int height) => width >= 1900 && height >= 1000 ? Full : Small;

    /// <summary>
    /// A chip's width: the least width, or more for the wider of its two lines, "✔ LDAPS 636, 3269" and the widest
    /// state word with a share ("Reachable 9,999/9,999" for client flows, "99/99" for server flows). Ports naming
    /// exceptions ("1433 (sql02: 14330)") widen the drawn chip about its centre.
    /// </summary>
    public double ChipWidthFor(Core.Catalogue.Flow flow) => Compact
        ? Math.Max(ChipMinWidth, ChipWidthOf($"\u2714 {flow.ShortName} {flow.PortsLabel}", "", ""))
        : Math.Max(ChipMinWidth, ChipWidthOf($"\u2714 {flow.ShortName} {flow.PortsLabel}", "Reachable", flow.IsClientFlow ? " 9,999/9,999" : " 99/99"));

    /// <summary>The width a chip's text needs: its top line, or its bold state word followed by <paramref name="share"/>.</summary>
    public double ChipWidthOf(string top, string word, string share) =>
        10 + Math.Max(TextWidth.Of(top, FontSize), TextWidth.Of(word, FontSize, bold: true) + TextWidth.Of(share, FontSize));
}
