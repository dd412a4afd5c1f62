namespace ShoppingConnectivity.Central.Security;

/// <summary>What a user name may be: short, printable, no spaces (it is also the audit log's "who").</summary>
public static class UserNames
{
    public const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@";

    public const string Rule = "a user name is 1 to 64 characters: letters a-z, digits and . _ - @ only.";

    public static bool IsValid(string name) => name.Length is >= 1 and <= 64 && name.All(Allowed.Contains);
}
