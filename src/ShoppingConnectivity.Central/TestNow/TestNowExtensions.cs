namespace ShoppingConnectivity.Central.TestNow;

public static class TestNowExtensions
{
    /// <summary>Test now: the agents' request queue (in memory), the once-per-10-s limit per target, and the service pages and the API ask.</summary>
    public static IHostApplicationBuilder AddTestNow(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgentRequestQueue>();
        builder.Services.AddSingleton(new ShoppingConnectivity.Core.TestNow.TestNowLimiter(ShoppingConnectivity.Core.TestNow.TestNowLimiter.DefaultSpacing));
        builder.Services.AddScoped<TestNowService>();
        return builder;
    }
}
