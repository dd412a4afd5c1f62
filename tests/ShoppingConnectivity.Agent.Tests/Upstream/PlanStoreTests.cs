using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Upstream;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Upstream;

public sealed class PlanStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-plan-").FullName;

    private static readonly AgentPlan Plan = new("web01", "web01", "abc123", [new PlannedProbe("f/sql01/1433", "f", "sql", "sql01", "10.0.0.2", 1433, 3000, 60)]);

    [Fact]
    public void Save_ThenLoad_SameCentralAndHost_GivesThePlanAndItsETag()
    {
        Store().Save(Plan, "\"abc123\"");

        var stored = Store().Load();

        Assert.NotNull(stored);
        Assert.Equal("\"abc123\"", stored.ETag);
        Assert.Equal(Plan.Version, stored.Plan.Version);
        Assert.Equal(Plan.Probes, stored.Plan.Probes);
    }

    [Theory]
    [InlineData("http://other-central:5080/", "web01")]
    [InlineData("http://central:5080/", "web02")]
    public void Load_PlanOfAnotherCentralOrHost_IsNotUsed(string centralUrl, string host)
    {
        Store().Save(Plan, null);

        Assert.Null(Store(centralUrl, host).Load());
    }

    [Fact]
    public void Load_DamagedFile_IsNullNotAnError()
    {
        File.WriteAllText(Path.Combine(_dir, "plan.json"), "{ \"centralUrl\": ");

        Assert.Null(Store().Load());
    }

    [Fact]
    public void Load_NothingStored_IsNull() => Assert.Null(Store().Load());

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private PlanStore Store(string centralUrl = "http://central:5080/", string host = "web01") =>
        new(Options.Create(new AgentOptions { CentralUrl = centralUrl, HostName = host, DataDirectory = _dir }), NullLogger<PlanStore>.Instance);
}
