using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests;

public sealed class ShutdownOptionsTests
{
    [Fact]
    public void Start_WithBadShutdownSettings_FailsListingEveryKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Shutdown:TimeoutSeconds"] = "0",
            ["Central:Shutdown:JobGraceSeconds"] = "-1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Shutdown:TimeoutSeconds must be between 1 and 600 (is 0).", error.Message);
        Assert.Contains("Central:Shutdown:JobGraceSeconds must be between 0 and 600 (is -1).", error.Message);
    }

    [Fact]
    public void Start_JobGraceNotBelowTheTimeout_FailsNamingBothKeys()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Shutdown:TimeoutSeconds"] = "5",
            ["Central:Shutdown:JobGraceSeconds"] = "5",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Shutdown:JobGraceSeconds (5) must be less than Central:Shutdown:TimeoutSeconds (5)", error.Message);
    }

    [Fact]
    public void Start_TimeoutSet_IsTheHostsShutdownTimeout()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:Shutdown:TimeoutSeconds"] = "12" });
        _ = factory.CreateClient();

        Assert.Equal(TimeSpan.FromSeconds(12), factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void Start_Defaults_CapTheStopAt8SecondsAndGiveJobs2()
    {
        using var factory = new CentralFactory();
        _ = factory.CreateClient();

        Assert.Equal(TimeSpan.FromSeconds(8), factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(2, factory.Services.GetRequiredService<IOptions<ShutdownOptions>>().Value.JobGraceSeconds);
    }
}
