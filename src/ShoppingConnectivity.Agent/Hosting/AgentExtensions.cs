using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Scheduling;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Agent.Upstream;

namespace ShoppingConnectivity.Agent.Hosting;

/// <summary>The agent's composition: every service of every folder, registered in the host (the top layer).</summary>
public static class AgentExtensions
{
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentOptions>()
            .Bind(builder.Configuration.GetSection(AgentOptions.Section))
            .PostConfigure(o =>
            {
                o.DataDirectory = Path.GetFullPath(o.DataDirectory, AppContext.BaseDirectory);
                if (o.CentralUrl.Length > 0 && !o.CentralUrl.EndsWith('/')) o.CentralUrl += "/";
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        // Every timer of the agent on its own clock thread (AgentClock: one wake-up per due timer).
        builder.Services.AddSingleton<TimeProvider>(AgentClock.Shared);
        builder.Services.AddSingleton<TokenStore>();
        builder.Services.AddSingleton<PlanHolder>();
        builder.Services.AddSingleton<PlanStore>();
        builder.Services.AddSingleton<ResultQueue>();
        builder.Services.AddSingleton<ProbeScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProbeScheduler>());
        builder.Services.AddProbes();
        builder.Services.AddHttpClient<CentralClient>((services, http) =>
        {
            http.BaseAddress = new Uri(services.GetRequiredService<IOptions<AgentOptions>>().Value.CentralUrl);
            http.Timeout = Timeout.InfiniteTimeSpan; // CentralClient.RequestTimeout bounds each call, on the agent's clock
            http.DefaultRequestHeaders.UserAgent.ParseAdd($"ShoppingConnectivity.Agent/{CentralClient.Version}");
        })
            // One handler for the agent's life, its connection to central kept between pushes and renewed every
            // 10 minutes (so a moved central is found by name again): no handler rotation, no cleanup timer. Idle for
            // 2 minutes it closes, before central's keep-alive timeout (Kestrel: 130 s), and the pool's cleaning
            // timer (a quarter of that) runs twice a minute.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // No per-request log scopes and timings on every push: CentralClient logs what matters itself.
            .RemoveAllLoggers();
        var planSeconds = builder.Configuration.GetValue($"{AgentOptions.Section}:{nameof(AgentOptions.PlanRefreshSeconds)}", 60);
        // Plan first, then push (hosted services start in this order); probes start when a plan is in force.
        builder.Services.AddRecurringJob<PlanSyncJob>(TimeSpan.FromSeconds(Math.Max(1, planSeconds)));
        builder.Services.AddScoped<PushJob>();
        builder.Services.AddSingleton<PushScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PushScheduler>());
        // Central's "Test now": one long-poll kept open, the asked probes run at once and pushed at once.
        builder.Services.AddSingleton<RequestListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RequestListener>());
        return builder;
    }
}
