namespace ShoppingConnectivity.Central.Data;

public static class UserSources
{
    public const string Local = "Local";

    /// <summary>Signed in through LDAP: the role follows the directory groups at every sign-in.</summary>
    public const string Directory = "Directory";
}
