using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Agent.Upstream;

/// <summary>Keeps the agent's identity (id and token from enrolment) in memory and in its data folder across restarts.</summary>
public sealed class TokenStore(IOptions<AgentOptions> options)
{
    private const string FileName = "agent-identity.json";
    private volatile Identity? _cached;

    public sealed record Identity(string CentralUrl, string HostName, string AgentId, string Token);

    private string PathOf() => Path.Combine(options.Value.DataDirectory, FileName);

    public Identity? Load()
    {
        if (_cached is not null) return _cached;
        var path = PathOf();
        if (!File.Exists(path)) return null;
        try
        {
            return _cached = JsonSerializer.Deserialize(File.ReadAllText(path), AgentJson.Default.Identity);
        }
        catch (JsonException)
        {
            return null; // a damaged file: enrol again rather than stop probing
        }
    }

    public void Save(Identity identity)
    {
        PrivateFiles.WriteAllText(PathOf(), JsonSerializer.Serialize(identity, AgentJson.Default.Identity));
        _cached = identity;
    }

    public void Clear()
    {
        _cached = null;
        File.Delete(PathOf());
    }
}
