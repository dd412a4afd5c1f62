
namespace ShoppingConnectivity.Central;

/// <summary>
/// Authorization policy names, one per role (a policy accepts that role and every higher one). Pages get theirs from
/// their feature folder's _Imports.razor, API groups from RequireAuthorization; anything without one falls back to
/// <see cref="Viewer"/>, so a new page or endpoint is never open to anonymous callers by accident.
/// </summary>
public static class CentralPolicies
{
    public const string Viewer = "Viewer";
    public const string Operator = "Operator";
    public const string Admin = "Admin";
}
