namespace ShoppingConnectivity.Central.Security;

/// <summary>Sessions of people and limits on agents, bound from "Central:Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Central:Security";

    /// <summary>How often a signed-in session is checked against the user (password changed, role changed, disabled): 0 = every request.</summary>
    public int SessionValidationSeconds { get; set; } = 60;

    /// <summary>A session ends after this many hours without a request (sliding).</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>Requests one agent (one agent id with its token) may make per minute; past it 429 with Retry-After.</summary>
    public int AgentRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Enrolment requests per minute from one client address. Generous: a rollout enrols many hosts at once, often
    /// behind one NAT or proxy address; it only has to stop a caller trying keys at full speed.
    /// </summary>
    public int EnrolRequestsPerMinute { get; set; } = 600;

    /// <summary>Largest results body accepted from an agent, in kilobytes; past it 413.</summary>
    public int MaxResultsBodyKilobytes { get; set; } = 8192;
}
