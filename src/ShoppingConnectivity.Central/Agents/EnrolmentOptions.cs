namespace ShoppingConnectivity.Central.Agents;

/// <summary>Limits on enrolment, bound from "Central:Enrolment": guessing keys, and requests that wait for an Admin.</summary>
public sealed class EnrolmentOptions
{
    public const string Section = "Central:Enrolment";

    /// <summary>Wrong keys one client address may offer before it is locked out (then each lockout doubles).</summary>
    public int FreeFailuresPerAddress { get; set; } = 5;

    /// <summary>
    /// Wrong keys from all addresses together before every enrolment is locked out, so spreading guesses over many
    /// addresses does not multiply the guess rate. Agents already enrolled are not affected.
    /// </summary>
    public int FreeFailuresOverall { get; set; } = 100;

    /// <summary>The first lockout; each further wrong key doubles it.</summary>
    public int FirstLockoutSeconds { get; set; } = 2;

    /// <summary>The longest lockout.</summary>
    public int LongestLockoutSeconds { get; set; } = 900;

    /// <summary>Enrolments waiting for an Admin that one client address may have at once.</summary>
    public int MaxPendingPerAddress { get; set; } = 10;

    /// <summary>Enrolments waiting for an Admin from all addresses together.</summary>
    public int MaxPending { get; set; } = 1000;
}
