namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// What the directory said. <see cref="Error"/> is for the log (it may name the directory's own message),
/// <see cref="UserError"/> for the person, when it differs from "wrong user name or password".
/// </summary>
public sealed record LdapSignIn(bool Succeeded, string? Role, string? DistinguishedName, IReadOnlyList<string> MatchedGroups, string? Error, string? UserError)
{
    public static LdapSignIn Fail(string error, string? userError = null) => new(false, null, null, [], error, userError);
}
