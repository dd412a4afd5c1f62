using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using ShoppingConnectivity.Central.Api;

namespace ShoppingConnectivity.Central.Metrics;

public static class MetricsExtensions
{
    /// <summary>
    /// OpenTelemetry metrics: central's own meters (ShoppingConnectivity.*), ASP.NET Core's, Kestrel's, Blazor
    /// circuits' and the runtime's, exported for Prometheus on <see cref="MetricsOptions.Path"/>.
    /// </summary>
    public static IHostApplicationBuilder AddCentralMetrics(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MetricsOptions.Section);
        builder.Services.AddOptions<MetricsOptions>()
            .Bind(section)
            .PostConfigure(o => o.ScrapeToken = SettingSources.ReadSecret(builder.Configuration, $"{MetricsOptions.Section}:{nameof(MetricsOptions.ScrapeToken)}"))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        builder.Services.AddSingleton<MetricsCounts>();
        builder.Services.AddSingleton<CentralInstruments>();
        if (!section.GetValue(nameof(MetricsOptions.Enabled), true)) return builder;

        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddMeter("ShoppingConnectivity.*")
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                    "Microsoft.AspNetCore.Components.Server.Circuits", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.RateLimiting",
                    "System.Runtime", "System.Net.Http")
                .AddPrometheusExporter(o =>
                {
                    // A scrape shows the state of now; it must not be cached across two scrapes of a fast Prometheus.
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                });
            // Meters are matched by name across the process: another host in it (the tests run dozens) must not add its
            // instruments to this one's /metrics. Static meters (the runtime's) have no scope and are kept.
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, b) =>
            {
                var own = services.GetRequiredService<IMeterFactory>();
                var options = services.GetRequiredService<IOptions<MetricsOptions>>().Value;
                b.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
                    ? CentralInstruments.SeriesLimit(instrument.Name, options) is { } limit ? new MetricStreamConfiguration { CardinalityLimit = limit } : null
                    : MetricStreamConfiguration.Drop);
            });
        });
        return builder;
    }

    /// <summary>
    /// /metrics for Prometheus, with the scrape token checked before anything is collected. Without a token (and
    /// without AllowAnonymous) the endpoint answers 404 with how to turn it on: metrics name hosts and flows.
    /// </summary>
    public static WebApplication MapCentralMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        // The instruments exist from the start, so the first scrape has every series.
        app.Services.GetRequiredService<CentralInstruments>();
        var key = $"{MetricsOptions.Section}:ScrapeToken";
        var off = !options.Enabled ? $"{MetricsOptions.Section}:Enabled is false."
            : string.IsNullOrEmpty(options.ScrapeToken) && !options.AllowAnonymous
                ? $"Set {key} (environment variable {SettingSources.EnvironmentVariable(key)}) or {key}File, and send it as a bearer token."
                : null;
        if (off is not null)
        {
            // Metrics name hosts and flows: without a token they are not served, and the answer says how to turn them on.
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsExtensions).FullName!)
                .LogInformation("Prometheus metrics are off ({Path}): {Reason}", MetricsOptions.Path, off);
            app.MapGet(MetricsOptions.Path, () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Metrics are off", detail: off))
                .AllowAnonymous().ExcludeFromDescription();
            return app;
        }

        var expected = options.ScrapeToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        app.MapPrometheusScrapingEndpoint(MetricsOptions.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (expected is not null && !Authorized(context.Request, expected))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
                    await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Scrape token missing or wrong",
                        detail: "Send Central:Metrics:ScrapeToken as 'Authorization: Bearer <token>' (Prometheus: authorization.credentials_file).").ExecuteAsync(context);
                    return;
                }

                await context.RequestServices.GetRequiredService<MetricsCounts>().RefreshAsync(context.RequestAborted);
                await next(context);
            }), optionsName: null)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Compares hashes of equal length in constant time, so the token cannot be guessed from response times.</summary>
    private static bool Authorized(HttpRequest request, byte[] expected) =>
        BearerToken.Of(request) is { } token && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), expected);
}
