using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// What an enrolment with an accepted key came to: a token now (<see cref="EnrolmentVerdict.Enrol"/>), a token that
/// works once an Admin approves, or <see cref="Refusal"/> when the address has too many requests waiting already.
/// </summary>
public sealed record EnrolmentResult(EnrolmentVerdict Verdict, string AgentId, string? Token, string? Refusal = null)
{
    public bool Pending => Verdict != EnrolmentVerdict.Enrol;
}
