using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>An agent concerned that was not asked, and why, as the answer says it ("web02 is offline: not asked").</summary>
/// <param name="Status">Its status per the agents' page; null when no agent is enrolled for the host.</param>
public sealed record TestNowOffline(string AgentId, string HostName, AgentStatus? Status, string Text);
