using System.Security.Cryptography;
using System.Text;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// The one-time token that creates the first administrator when the settings name none: made at start while the
/// database has no user, printed once to the log, taken once by /account/setup. Kept only in memory: a restart
/// before setup prints a new one.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock _lock = new();
    private byte[]? _hash;

    public bool IsPending
    {
        get { lock (_lock) return _hash is not null; }
    }

    /// <summary>A new token; the previous one, if any, stops working.</summary>
    public string Issue()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        lock (_lock) _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return token;
    }

    /// <summary>True once for the right token: it is used up by the same call.</summary>
    public bool TryTake(string? offered)
    {
        if (string.IsNullOrEmpty(offered)) return false;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(offered.Trim()));
        lock (_lock)
        {
            if (_hash is null || !CryptographicOperations.FixedTimeEquals(hash, _hash)) return false;
            _hash = null;
            return true;
        }
    }

    /// <summary>Puts a taken token back when creating the admin failed (a password the rules refuse).</summary>
    public void Restore(string token)
    {
        lock (_lock) _hash ??= SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));
    }

    public void Clear()
    {
        lock (_lock) _hash = null;
    }
}
