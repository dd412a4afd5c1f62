using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShoppingConnectivity.Central.Api;

/// <summary>
/// Unhealthy (GET /healthz answers 503) from the moment the node is told to stop (SIGTERM), while it still finishes
/// what it has: a load balancer's health check takes it out of rotation before its port closes (docs/scaling.md).
/// </summary>
public sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Central is stopping.")
            : HealthCheckResult.Healthy());
}
