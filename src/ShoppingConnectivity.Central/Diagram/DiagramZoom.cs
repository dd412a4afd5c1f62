using System.Globalization;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// How large the dashboard draws the diagram on a narrow screen (a phone): fitted to its frame the labels are a few
/// pixels high, so by default it is drawn at a readable scale in a frame that pans, and the buttons step the scale.
/// The scale is screen pixels per diagram unit, so it holds whatever the diagram's own size (its viewBox). Wide screens
/// ignore it (app.css): there the diagram always fits. One per page view: a reload starts readable again.
/// </summary>
public sealed class DiagramZoom
{
    /// <summary>The scales the buttons step through, smallest first.</summary>
    public static readonly IReadOnlyList<double> Steps = [0.5, 0.75, Readable, 1.5, 2, 3];

    /// <summary>The default: the small diagram's 12-unit text (a phone draws it) comes out at 13 px, the full one's 11-unit text at 12 px.</summary>
    public const double Readable = 1.1;

    /// <summary>Pixels per diagram unit; null: the diagram fits its frame's width.</summary>
    public double? Scale { get; private set; } = Readable;

    public bool Fits => Scale is null;

    public bool CanZoomIn => Scale is not { } scale || scale < Steps[^1];

    /// <summary>Fitted is the smallest: below it the diagram would only leave the frame empty.</summary>
    public bool CanZoomOut => Scale is not null;

    /// <summary>The next step up; from fitted, the smallest step (app.css never draws it narrower than the frame).</summary>
    public void ZoomIn()
    {
        if (Scale is not { } scale) Scale = Steps[0];
        else if (Steps.FirstOrDefault(s => s > scale) is var next and > 0) Scale = next;
    }

    /// <summary>The next step down; below the smallest step, fitted.</summary>
    public void ZoomOut()
    {
        if (Scale is { } scale) Scale = Steps.LastOrDefault(s => s < scale) is var previous and > 0 ? previous : null;
    }

    public void Fit() => Scale = null;

    /// <summary>The diagram's width on screen at this scale, for the frame's style; empty when it fits.</summary>
    /// <param name="diagramWidth">The diagram's width in its own units (its viewBox's).</param>
    public string Style(double diagramWidth) => Scale is { } scale
        ? string.Create(CultureInfo.InvariantCulture, $"--diagram-zoom-width: {diagramWidth * scale:0.#}px")
        : "";

    /// <summary>For tests and the stylesheet: "fit", or the scale.</summary>
    public string Name => Scale is { } scale ? scale.ToString("0.##", CultureInfo.InvariantCulture) : "fit";
}
