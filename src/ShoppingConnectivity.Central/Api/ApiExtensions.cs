using ShoppingConnectivity.Central.Ingestion;

namespace ShoppingConnectivity.Central.Api;

public static class ApiExtensions
{
    public static IHostApplicationBuilder AddCentralApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // A request the framework could not bind (a form without its antiforgery token, no body) is the caller's
        // fault: its own 4xx, not a 500.
        builder.Services.Configure<Microsoft.AspNetCore.Builder.ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<AgentAuthenticator>();
        builder.AddCentralIngestion();
        builder.Services.AddSingleton<Agents.AgentDirectory>();
        builder.Services.AddSingleton<EnrolmentKeys>();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    /// <summary>Unhandled errors and bare status codes (401, 403, 404...) answer as problem details.</summary>
    public static WebApplication UseCentralErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapCentralApi(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapReadApi();
        app.MapEstateExports();
        app.MapAgentApi();
        app.MapHistoryApi();
        return app;
    }
}
