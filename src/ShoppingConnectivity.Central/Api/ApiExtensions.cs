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
        // A person's page load with no page behind it (a mistyped address) gets the app's own page in its shell; the
        // API, health and Blazor's own endpoints keep problem JSON or their status.
        app.UseWhen(IsPageLoad, page => page.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true));
        app.UseWhen(context => !IsPageLoad(context), other => other.UseStatusCodePages());
        // Routing after them, so a re-executed request is routed again to the error page (WebApplication would
        // otherwise route first, once, and the re-execution would find no endpoint).
        app.UseRouting();
        return app;
    }

    /// <summary>A browser's GET for a page: not the API, its OpenAPI document, health, Blazor's endpoints or a static asset.</summary>
    private static bool IsPageLoad(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api")
        && !context.Request.Path.StartsWithSegments("/openapi")
        && !context.Request.Path.StartsWithSegments("/healthz")
        && !context.Request.Path.StartsWithSegments("/_blazor")
        && !context.Request.Path.StartsWithSegments("/_framework")
        && !context.Request.Path.StartsWithSegments("/_content")
        && !context.Request.Path.StartsWithSegments("/assets")
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

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
