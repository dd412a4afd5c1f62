using Microsoft.Extensions.DependencyInjection.Extensions;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

public static class ProbeExtensions
{
    /// <summary>Every probe kind this agent knows, and the runner that picks one per planned probe.</summary>
    public static IServiceCollection AddProbes(this IServiceCollection services)
    {
        services.TryAddSingleton<TimeProvider>(AgentClock.Shared);
        services.AddSingleton<CertificateJudge>();
        services.AddSingleton<HttpProber>();
        services.AddSingleton<IProbeKind, TcpProbe>();
        services.AddSingleton<IProbeKind, TlsProbe>();
        services.AddSingleton<IProbeKind>(s => new HttpProbe(ProbeKinds.Http, s.GetRequiredService<HttpProber>()));
        services.AddSingleton<IProbeKind>(s => new HttpProbe(ProbeKinds.Https, s.GetRequiredService<HttpProber>()));
        services.AddSingleton<IProbeKind, LdapProbe>();
        services.AddSingleton<IProbeKind, SmtpProbe>();
        services.AddSingleton<IProbeKind, Pop3Probe>();
        services.AddSingleton<IProbeKind, SqlProbe>();
        services.AddSingleton<IProbeKind, RpcProbe>();
        services.AddSingleton<IProbeKind, SmbProbe>();
        services.AddSingleton<IProbeKind, TachyonProbe>();
        services.AddSingleton<ProbeRunner>();
        return services;
    }
}
