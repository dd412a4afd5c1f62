using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Probes;

public sealed class ProbeExtensionsTests
{
    [Fact]
    public async Task AddProbes_RegistersEveryCatalogueKind()
    {
        await using var services = ProbeKit.Build(14);

        var runner = services.GetRequiredService<ProbeRunner>();

        Assert.Equal(ProbeKinds.All.Order(StringComparer.Ordinal), runner.Kinds.Order(StringComparer.Ordinal));
    }
}
