using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>
/// "scat_" + the token's id (32 hex digits) + "_" + 256 random bits (43 base64url characters). The prefix lets secret
/// scanners and people recognise a leaked token as ours; the id finds the stored hash without searching by it. The
/// secret part is high-entropy, so a plain SHA-256 is the right hash (a slow password hash would only cost each request).
/// </summary>
public static partial class ApiTokenFormat
{
    public const string Prefix = "scat_";

    /// <summary>What a secret scanner can match.</summary>
    public const string Pattern = "scat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}";

    public static string New(Guid id) =>
        Prefix + id.ToString("N") + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether a bearer value claims to be an API token (it may still be malformed or unknown).</summary>
    public static bool LooksLikeToken(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The id part of a well-formed token; null for anything else.</summary>
    public static Guid? IdOf(string token) =>
        token.Length <= 200 && TokenRegex().IsMatch(token) && Guid.TryParseExact(token.Substring(Prefix.Length, 32), "N", out var id) ? id : null;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares in constant time, so the answer's timing tells nothing about how much of a guess was right.</summary>
    public static bool HashesMatch(string hash, string storedHash) =>
        storedHash.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(storedHash));

    [GeneratedRegex("^" + Pattern + "$")]
    private static partial Regex TokenRegex();
}
