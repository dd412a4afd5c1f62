namespace ShoppingConnectivity.Contracts;

/// <summary>
/// The agent keeps <see cref="Token"/> and sends it as a bearer token from then on. When <see cref="Pending"/> (HTTP
/// 202) the token works only once an Admin approves the request on central's Agents page; until then central answers
/// 403 with the same reason as <see cref="Detail"/>, and the agent keeps the token and its results and waits.
/// </summary>
public sealed record EnrolmentResponse(string AgentId, string Token, bool Pending = false, string? Detail = null);
