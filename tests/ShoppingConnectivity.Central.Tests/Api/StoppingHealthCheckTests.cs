using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Api;

public sealed class StoppingHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_OnceTheNodeIsStopping_IsUnhealthy()
    {
        // The host's own lifetime; StopApplication is what SIGTERM does first, while requests are still served.
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var check = new StoppingHealthCheck(lifetime);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        lifetime.StopApplication();

        var stopping = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Unhealthy, "Central is stopping."), (stopping.Status, stopping.Description));
    }

    [Fact]
    public void Healthz_OfCentral_IncludesTheStoppingCheck()
    {
        // An in-process host cannot be asked once stopping (its services are disposed at once); the real process is, in
        // the end-to-end rolling restart (haproxy takes the node out on this check's 503).
        using var factory = new CentralFactory();

        var registrations = factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Contains(registrations, r => r.Name == "stopping" && r.Factory(factory.Services) is StoppingHealthCheck);
    }
}
