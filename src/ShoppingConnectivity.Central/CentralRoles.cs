
namespace ShoppingConnectivity.Central;

/// <summary>
/// The three roles people have. Each includes the one before it: an Operator can do what a Viewer can, an Admin what
/// an Operator can. A user has exactly one.
/// </summary>
public static class CentralRoles
{
    /// <summary>Dashboard, trends, history and the read APIs.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Also acknowledges alerts and manages maintenance windows.</summary>
    public const string Operator = "Operator";

    /// <summary>Also the estate, SMTP settings, users, agents, enrolment keys and the audit log.</summary>
    public const string Admin = "Admin";

    /// <summary>Lowest first.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Admin];

    /// <summary>The role's rank (Viewer 0, Operator 1, Admin 2), -1 for no role.</summary>
    public static int Rank(string? role) => role is null ? -1 : All.ToList().FindIndex(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    /// <summary>The role as spelt here, or null when it is none of them.</summary>
    public static string? Normalise(string? role) => Rank(role) is >= 0 and var i ? All[i] : null;

    /// <summary>Every role at least as high as <paramref name="role"/>: the roles a policy for it accepts.</summary>
    public static string[] AtLeast(string role) => All.Skip(Rank(role)).ToArray();
}
