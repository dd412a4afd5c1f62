namespace ShoppingConnectivity.Central.Diagram;

/// <summary>The connections diagram's services.</summary>
public static class DiagramExtensions
{
    public static WebApplicationBuilder AddDiagram(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DiagramLayoutWarmup>();
        return builder;
    }
}
