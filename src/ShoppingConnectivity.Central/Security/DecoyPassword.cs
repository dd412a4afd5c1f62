using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// A password hash nobody knows, made once by the hasher of real accounts with their settings. A sign-in that has no
/// local password to check (an unknown name, a locked or disabled account, a directory user) checks the offered one
/// against it: every sign-in then costs one password check, so its speed does not tell whether the account exists.
/// </summary>
public sealed class DecoyPassword
{
    private static readonly CentralUser Nobody = new() { UserName = "decoy" };

    private string? _hash;

    /// <summary>The work of one password check; the answer is always "wrong".</summary>
    public void Check(IPasswordHasher<CentralUser> hasher, string password)
    {
        var hash = Volatile.Read(ref _hash);
        if (hash is null)
        {
            var made = hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            hash = Interlocked.CompareExchange(ref _hash, made, null) ?? made;
        }

        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
