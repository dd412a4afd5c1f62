using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Agent.Upstream;

/// <summary>Keeps the agent's identity (id and token from enrolment) in memory and in its data folder across restarts.</summary>
public sealed class TokenStore(IOptions<AgentOptions> options)
{
    private const string FileName = "agent-identity.json";
    private volatile Identity? _cached;

    // The plan sync and the push start together and both find no token: one enrolment, not two (a second one would
    // wait for an Admin as "another agent has this host" and replace the token that works).
    private readonly SemaphoreSlim _enrolment = new(1, 1);

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

    /// <summary>
    /// The stored identity when <paramref name="fits"/> it and it is not the one central just <paramref name="refused"/>;
    /// otherwise enrols through <paramref name="enrol"/> and stores the result. Concurrent callers share one enrolment.
    /// </summary>
    public async Task<Identity> GetOrEnrolAsync(Func<Identity, bool> fits, Identity? refused, Func<CancellationToken, Task<Identity>> enrol, CancellationToken cancellationToken)
    {
        var stored = Load();
        if (stored is not null && fits(stored) && stored != refused) return stored;
        await _enrolment.WaitAsync(cancellationToken);
        try
        {
            stored = Load();
            if (stored is not null && fits(stored) && stored != refused) return stored; // another caller enrolled meanwhile
            var identity = await enrol(cancellationToken);
            Save(identity);
            return identity;
        }
        finally
        {
            _enrolment.Release();
        }
    }
}
