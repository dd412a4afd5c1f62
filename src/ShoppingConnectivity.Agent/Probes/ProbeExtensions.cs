namespace ShoppingConnectivity.Agent.Probes;

public static class ProbeExtensions
{
    /// <summary>Every probe kind this agent knows, and the runner that picks one per planned probe.</summary>
    public static IServiceCollection AddProbes(this IServiceCollection services)
    {
        services.AddSingleton<IProbeKind, TcpProbe>();
        services.AddSingleton<ProbeRunner>();
        return services;
    }
}
