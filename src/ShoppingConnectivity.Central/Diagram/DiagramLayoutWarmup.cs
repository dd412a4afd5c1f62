using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// Computes the dashboard's two diagram layouts as central starts, off the start path, so the first page that draws
/// one (a laptop's first visit switches to the small one) does not search for it on its circuit.
/// </summary>
public sealed class DiagramLayoutWarmup(ILogger<DiagramLayoutWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        foreach (var geometry in new[] { DiagramGeometry.Full, DiagramGeometry.Small })
        {
            if (stoppingToken.IsCancellationRequested) return;
            var layout = DiagramLayout.For(FlowCatalogue.Default, geometry);
            logger.LogDebug("Diagram layout {Width}x{Height}: {Crossings} crossings", geometry.Width, geometry.Height, layout.Crossings);
        }
    }, stoppingToken);
}
