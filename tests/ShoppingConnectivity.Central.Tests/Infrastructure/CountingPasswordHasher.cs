using Microsoft.AspNetCore.Identity;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// Identity's own hasher with its default settings (central sets none), counting the password checks: the work a
/// sign-in does, counted instead of timed.
/// </summary>
public sealed class CountingPasswordHasher : IPasswordHasher<CentralUser>
{
    private readonly PasswordHasher<CentralUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(CentralUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(CentralUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
