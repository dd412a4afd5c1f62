using MudBlazor;
using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents.Pages;

/// <summary>The agents page's list, its filter and the revoke being confirmed; how an agent's status looks.</summary>
public sealed class AgentsPageModel
{
    public IReadOnlyList<AgentView> Agents { get; set; } = [];

    /// <summary>Host, role or version text the list is filtered by.</summary>
    public string Search { get; set; } = "";

    /// <summary>The agent whose revoke waits for its confirmation.</summary>
    public string? Confirming { get; set; }

    /// <summary>What the last revoke did.</summary>
    public string? Message { get; private set; }

    public int CountOf(AgentStatus status) => Agents.Count(a => a.Status == status);

    public bool Matches(AgentView agent) =>
        string.IsNullOrWhiteSpace(Search)
        || agent.HostName.Contains(Search, StringComparison.OrdinalIgnoreCase)
        || (agent.Version?.Contains(Search, StringComparison.OrdinalIgnoreCase) ?? false)
        || agent.EstateRoles.Concat(agent.ReportedRoles).Any(r => r.Contains(Search, StringComparison.OrdinalIgnoreCase));

    /// <summary>The list after a revoke: said once the list shows it too, so the two never disagree.</summary>
    public void Revoked(string agentId, bool revoked, IReadOnlyList<AgentView> agents)
    {
        Agents = agents;
        if (revoked) Message = $"Agent '{agentId}' revoked: its token no longer works.";
    }

    public static string LabelOf(AgentStatus status) => status switch
    {
        AgentStatus.Online => "Online",
        AgentStatus.Silent => "Silent",
        _ => "Never seen",
    };

    public static string IconOf(AgentStatus status) => status switch
    {
        AgentStatus.Online => Icons.Material.Filled.CheckCircle,
        AgentStatus.Silent => Icons.Material.Filled.CloudOff,
        _ => Icons.Material.Filled.HourglassEmpty,
    };

    public static Color ColourOf(AgentStatus status) => status switch
    {
        AgentStatus.Online => Color.Success,
        AgentStatus.Silent => Color.Error,
        _ => Color.Default,
    };
}
