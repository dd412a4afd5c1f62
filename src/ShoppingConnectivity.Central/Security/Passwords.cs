namespace ShoppingConnectivity.Central.Security;

/// <summary>Passwords: length over composition rules (NIST SP 800-63B).</summary>
public static class Passwords
{
    public const int MinimumLength = 12;
}
