namespace ShoppingConnectivity.Central.TestNow;

public static class TestNowExtensions
{
    /// <summary>Test now: the agents' request queue (in memory) and the long-poll that empties it.</summary>
    public static IHostApplicationBuilder AddTestNow(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgentRequestQueue>();
        return builder;
    }
}
