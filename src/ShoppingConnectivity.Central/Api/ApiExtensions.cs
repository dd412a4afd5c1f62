using ShoppingConnectivity.Central.Ingestion;

namespace ShoppingConnectivity.Central.Api;

public static class ApiExtensions
{
    public static IHostApplicationBuilder AddCentralApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<AgentAuthenticator>();
        builder.AddCentralIngestion();
        builder.Services.AddSingleton<Agents.AgentDirectory>();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapCentralApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/healthz");
        app.MapReadApi();
        app.MapAgentApi();
        app.MapHistoryApi();
        return app;
    }
}
