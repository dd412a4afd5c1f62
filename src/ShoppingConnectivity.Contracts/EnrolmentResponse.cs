namespace ShoppingConnectivity.Contracts;

/// <summary>The agent keeps <see cref="Token"/> and sends it as a bearer token from then on.</summary>
public sealed record EnrolmentResponse(string AgentId, string Token);
