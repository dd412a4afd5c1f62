using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>The agent's own probe registration (AddProbes), and planned probes as central would send them.</summary>
public static class ProbeKit
{
    private static readonly Lazy<ServiceProvider> Services = new(() => Build(14));

    /// <summary>The runner the agent uses, with Agent:CertificateWarningDays at its default (14).</summary>
    public static ProbeRunner Runner => Services.Value.GetRequiredService<ProbeRunner>();

    public static ServiceProvider Build(int certificateWarningDays)
    {
        var services = new ServiceCollection();
        services.AddOptions<AgentOptions>().Configure(o => o.CertificateWarningDays = certificateWarningDays);
        services.AddProbes();
        return services.BuildServiceProvider();
    }

    public static PlannedProbe Probe(string kind, string address, int port, int timeoutMs = 3000, string? targetHost = null,
        string? httpPath = null, string? expectStatus = null, string? discoveryUrl = null) =>
        new($"flow-{kind}/{targetHost ?? address}/{port}", $"flow-{kind}", kind, targetHost ?? address, address, port, timeoutMs, 60,
            httpPath, expectStatus, discoveryUrl);

    public static Task<ProbeFinding> RunAsync(PlannedProbe probe) => Runner.RunAsync(probe, CancellationToken.None);
}
