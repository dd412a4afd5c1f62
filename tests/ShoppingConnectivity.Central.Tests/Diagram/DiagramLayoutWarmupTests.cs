using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class DiagramLayoutWarmupTests
{
    [Fact]
    public async Task Warmup_AtStart_ComputesBothLayoutsAndEnds()
    {
        using var warmup = new DiagramLayoutWarmup(NullLogger<DiagramLayoutWarmup>.Instance);

        await warmup.StartAsync(CancellationToken.None);
        await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(warmup.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public void Central_Started_RunsTheWarmup()
    {
        using var central = new CentralFactory();

        Assert.Contains(central.Services.GetServices<IHostedService>(), s => s is DiagramLayoutWarmup);
    }
}
