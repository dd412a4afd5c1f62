using System.Diagnostics.CodeAnalysis;

namespace ShoppingConnectivity.Agent.Scheduling;

public static class RecurringJobExtensions
{
    /// <summary>Registers <typeparamref name="TJob"/> (scoped) and the service running it every <paramref name="interval"/>.</summary>
    public static IServiceCollection AddRecurringJob<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TJob>(
        this IServiceCollection services, TimeSpan interval)
        where TJob : class, IRecurringJob
    {
        services.AddScoped<TJob>();
        services.AddHostedService(s => new RecurringJobService<TJob>(
            s.GetRequiredService<IServiceScopeFactory>(), interval, s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<TJob>>()));
        return services;
    }
}
