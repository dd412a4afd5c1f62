using ShoppingConnectivity.Central.Diagram;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class DiagramZoomTests
{
    [Fact]
    public void Zoom_New_ReadableNotFitted()
    {
        var zoom = new DiagramZoom();

        Assert.Equal(DiagramZoom.Readable, zoom.Scale);
        Assert.False(zoom.Fits);
        Assert.True(zoom.CanZoomIn);
        Assert.True(zoom.CanZoomOut);
    }

    [Fact]
    public void ZoomIn_ToTheLargestStep_StopsThere()
    {
        var zoom = new DiagramZoom();
        var scales = new List<double?>();

        for (var i = 0; i < DiagramZoom.Steps.Count + 2; i++)
        {
            zoom.ZoomIn();
            scales.Add(zoom.Scale);
        }

        Assert.Equal(DiagramZoom.Steps.Where(s => s > DiagramZoom.Readable).Select(s => (double?)s), scales.Distinct());
        Assert.Equal(DiagramZoom.Steps[^1], zoom.Scale);
        Assert.False(zoom.CanZoomIn);
    }

    [Fact]
    public void ZoomOut_BelowTheSmallestStep_Fits()
    {
        var zoom = new DiagramZoom();

        while (zoom.CanZoomOut) zoom.ZoomOut();

        Assert.True(zoom.Fits);
        Assert.Null(zoom.Scale);
        zoom.ZoomOut();
        Assert.True(zoom.Fits);
    }

    [Fact]
    public void ZoomIn_FromFitted_SmallestStep()
    {
        var zoom = new DiagramZoom();
        zoom.Fit();

        zoom.ZoomIn();

        Assert.Equal(DiagramZoom.Steps[0], zoom.Scale);
    }

    [Fact]
    public void Style_Scaled_DiagramWidthTimesScaleInPixels()
    {
        var zoom = new DiagramZoom();
        zoom.ZoomIn();

        Assert.Equal("--diagram-zoom-width: 1500px", zoom.Style(1000));
        Assert.Equal("1.5", zoom.Name);
    }

    [Fact]
    public void Style_Fitted_EmptyAndNamedFit()
    {
        var zoom = new DiagramZoom();
        zoom.Fit();

        Assert.Equal("", zoom.Style(1000));
        Assert.Equal("fit", zoom.Name);
    }
}
