using System.Security.Cryptography;
using System.Text;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>Agent tokens: 256 random bits, so a plain SHA-256 is enough to store them safely.</summary>
public static class AgentTokens
{
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string token, string storedHash) => HashesMatch(Hash(token), storedHash);

    /// <summary>Compares a token's hash (<see cref="Hash"/>) with a stored one in constant time; a voided (empty) hash matches nothing.</summary>
    public static bool HashesMatch(string hash, string storedHash) =>
        storedHash.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>Same comparison for the shared enrolment key, without leaking its length through timing.</summary>
    public static bool KeyMatches(string offered, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
