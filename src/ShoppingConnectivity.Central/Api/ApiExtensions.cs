namespace ShoppingConnectivity.Central.Api;

/// <summary>What every API of central shares: problem-details errors, enums as words in JSON, the health check.</summary>
public static class ApiExtensions
{
    public static IHostApplicationBuilder AddCentralApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // A request the framework could not bind (a form without its antiforgery token, no body) is the caller's
        // fault: its own 4xx, not a 500.
        builder.Services.Configure<Microsoft.AspNetCore.Builder.ExceptionHandlerOptions>(o =>
            o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddHealthChecks().AddCheck<StoppingHealthCheck>("stopping");
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

    /// <summary>
    /// GET /healthz: healthy once the database is migrated (central serves nothing before that), 503 once it is
    /// stopping (<see cref="StoppingHealthCheck"/>).
    /// </summary>
    public static WebApplication MapCentralHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }
}
