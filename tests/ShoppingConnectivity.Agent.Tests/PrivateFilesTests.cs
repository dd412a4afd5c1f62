using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Upstream;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Files;

namespace ShoppingConnectivity.Agent.Tests;

/// <summary>
/// The attack: another local user reads the agent's token (and so reports as this host) from its data folder. Under
/// umask 022 a folder the agent makes would be 0755 and its files 0644 unless the agent asks for 0700 and 0600.
/// </summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sc-private-").FullName;

    [Fact]
    public void DataFolder_MadeUnderUmask022_FolderOutboxTokenAndPlanAreTheAgentsOnly()
    {
        var data = Path.Combine(_root, "data");
        var options = Options.Create(new AgentOptions { CentralUrl = "http://central:5080/", HostName = "web01", DataDirectory = data });
        string segment;
        using (Umask.Common())
        {
            // As at a start: the outbox makes the data folder, then enrolment and the first plan write into it.
            var outbox = new SegmentFiles(Path.Combine(data, "outbox"), NullLogger.Instance);
            var (path, stream) = outbox.Create(1, Guid.NewGuid());
            stream.Dispose();
            segment = path;
            new TokenStore(options).Save(new TokenStore.Identity("http://central:5080/", "web01", "agent-1", "secret-token"));
            new PlanStore(options, NullLogger<PlanStore>.Instance).Save(new AgentPlan("web01", "web01", "v1", []), null);
        }

        Assert.Equal(
            [("data", "0700"), ("outbox", "0700"), ("segment", "0600"), ("token", "0600"), ("plan", "0600")],
            [
                ("data", FileModes.Of(data)), ("outbox", FileModes.Of(Path.Combine(data, "outbox"))), ("segment", FileModes.Of(segment)),
                ("token", FileModes.Of(Path.Combine(data, "agent-identity.json"))), ("plan", FileModes.Of(Path.Combine(data, "plan.json"))),
            ]);
        Assert.Equal("secret-token", new TokenStore(options).Load()?.Token);
        Assert.Equal(["agent-identity.json", "outbox", "plan.json"], Directory.GetFileSystemEntries(data).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
