using System.Text.Json;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Upstream;

/// <summary>
/// The plan in force, kept in the data folder: an agent restarted while central is away goes on probing with the
/// plan it had (its results wait in the outbox) instead of probing nothing until central is back.
/// </summary>
public sealed class PlanStore(IOptions<AgentOptions> options, ILogger<PlanStore> logger)
{
    private const string FileName = "plan.json";

    public sealed record Stored(string CentralUrl, string HostName, string? ETag, AgentPlan Plan);

    private string PathOf() => Path.Combine(options.Value.DataDirectory, FileName);

    /// <summary>The stored plan when it was fetched from the same central for the same host; null otherwise.</summary>
    public Stored? Load()
    {
        var path = PathOf();
        if (!File.Exists(path)) return null;
        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllText(path), AgentJson.Default.Stored);
            var o = options.Value;
            if (stored is null || stored.CentralUrl != o.CentralUrl || !string.Equals(stored.HostName, o.EffectiveHostName, StringComparison.OrdinalIgnoreCase))
                return null;
            return stored;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // A damaged file is no reason to stop: central gives the plan again when it answers.
            logger.LogWarning("The stored plan {Path} could not be read ({Reason}); waiting for central's.", path, ex.Message);
            return null;
        }
    }

    public void Save(AgentPlan plan, string? etag)
    {
        var o = options.Value;
        PrivateFiles.WriteAllText(PathOf(), JsonSerializer.Serialize(new Stored(o.CentralUrl, o.EffectiveHostName, etag, plan), AgentJson.Default.Stored));
    }
}
