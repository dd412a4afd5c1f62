using MudBlazor;
using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents.Pages;

/// <summary>The agents page's list, its filter and the revoke being confirmed; how an agent's status looks.</summary>
public sealed class AgentsPageModel
{
    public IReadOnlyList<AgentView> Agents { get; set; } = [];

    /// <summary>Host, role or version text the list is filtered by.</summary>
    public string Search { get; set; } = "";

    /// <summary>Enrolments waiting for an Admin, newest first.</summary>
    public IReadOnlyList<PendingEnrolmentView> Pending { get; set; } = [];

    /// <summary>The agent whose revoke waits for its confirmation.</summary>
    public string? Confirming { get; set; }

    /// <summary>The waiting enrolment whose approval waits for its confirmation.</summary>
    public Guid? ConfirmingApproval { get; set; }

    /// <summary>What the last revoke, approval or rejection did.</summary>
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

    /// <summary>The lists after an approval or a rejection, and what it did (nothing when another Admin decided first).</summary>
    public void Decided(PendingEnrolmentView? request, bool approved, IReadOnlyList<AgentView> agents, IReadOnlyList<PendingEnrolmentView> pending)
    {
        Agents = agents;
        Pending = pending;
        ConfirmingApproval = null;
        Message = request is null ? "That enrolment was decided already."
            : approved ? $"Enrolment of '{request.HostName}' from {request.Address} approved: its token is now agent '{request.AgentId}''s."
            : $"Enrolment of '{request.HostName}' from {request.Address} rejected: its token never works.";
    }

    /// <summary>What approving a waiting enrolment does, said on its confirm button.</summary>
    public static string ApprovalConsequence(PendingEnrolmentView request) => request.Verdict switch
    {
        EnrolmentVerdict.PendingHostHasAgent => $"Replace {request.AgentId}'s agent",
        EnrolmentVerdict.PendingAgentRevoked => $"Allow {request.AgentId} again",
        _ when !request.InEstate => $"Enrol {request.HostName} (no plan until the estate lists it)",
        _ => $"Enrol {request.HostName}",
    };

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
