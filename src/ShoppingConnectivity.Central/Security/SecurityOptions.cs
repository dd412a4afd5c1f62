namespace ShoppingConnectivity.Central.Security;

/// <summary>Sessions of people, limits on agents and on guessing passwords, bound from "Central:Security".</summary>
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

    /// <summary>
    /// Failed sign-ins (and setup-token attempts) one client address may make per window; past it the address waits
    /// for the window's end (429 with Retry-After) and nothing it offers is checked. An IPv6 address counts with its /64.
    /// </summary>
    public int SignInFailuresPerAddress { get; set; } = 10;

    /// <summary>The window of <see cref="SignInFailuresPerAddress"/>, from the address's first failure, in seconds.</summary>
    public int SignInFailureWindowSeconds { get; set; } = 300;

    /// <summary>Addresses the sign-in throttle remembers at once; when full, new addresses share one count.</summary>
    public int SignInTrackedAddresses { get; set; } = 10_000;
}
