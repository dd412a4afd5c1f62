using MudBlazor;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Agents.Pages;
using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Tests.Agents.Pages;

public sealed class AgentsPageModelTests
{
    private readonly AgentsPageModel _page = new() { Agents = [Agent("web01", AgentStatus.Online, "1.4.0", ["Website"]), Agent("db01", AgentStatus.Silent, null, ["ShoppingDb"])] };

    [Theory]
    [InlineData("", 2)]
    [InlineData("WEB", 1)]
    [InlineData("1.4", 1)]
    [InlineData("shoppingdb", 1)]
    [InlineData("nothing", 0)]
    public void Matches_Search_HostVersionOrRole(string search, int expected)
    {
        _page.Search = search;

        Assert.Equal(expected, _page.Agents.Count(_page.Matches));
    }

    [Fact]
    public void CountOf_Status_AgentsInIt()
    {
        Assert.Equal(1, _page.CountOf(AgentStatus.Online));
        Assert.Equal(0, _page.CountOf(AgentStatus.NeverSeen));
    }

    [Fact]
    public void Revoked_Revoked_NewListAndMessage()
    {
        _page.Revoked("db01", true, []);

        Assert.Empty(_page.Agents);
        Assert.Equal("Agent 'db01' revoked: its token no longer works.", _page.Message);
    }

    [Fact]
    public void Revoked_NotRevoked_NoMessage()
    {
        _page.Revoked("db01", false, _page.Agents);

        Assert.Null(_page.Message);
    }

    [Theory]
    [InlineData(EnrolmentVerdict.PendingHostHasAgent, true, "Replace web01's agent")]
    [InlineData(EnrolmentVerdict.PendingAgentRevoked, true, "Allow web01 again")]
    [InlineData(EnrolmentVerdict.PendingNotInEstate, false, "Enrol WEB01 (no plan until the estate lists it)")]
    [InlineData(EnrolmentVerdict.PendingNotInEstate, true, "Enrol WEB01")]
    public void ApprovalConsequence_EachReason_SaysWhatApprovingDoes(EnrolmentVerdict verdict, bool inEstate, string expected) =>
        Assert.Equal(expected, AgentsPageModel.ApprovalConsequence(Pending(verdict, inEstate)));

    [Fact]
    public void Decided_ApprovedRejectedOrGone_SaysWhich()
    {
        var request = Pending(EnrolmentVerdict.PendingHostHasAgent, true);
        _page.ConfirmingApproval = request.Id;

        _page.Decided(request, approved: true, [], []);
        Assert.Equal("Enrolment of 'WEB01' from 192.0.2.7 approved: its token is now agent 'web01''s.", _page.Message);
        Assert.Null(_page.ConfirmingApproval);
        _page.Decided(request, approved: false, [], []);
        Assert.Equal("Enrolment of 'WEB01' from 192.0.2.7 rejected: its token never works.", _page.Message);
        _page.Decided(null, approved: true, [], []);
        Assert.Equal("That enrolment was decided already.", _page.Message);
    }

    [Fact]
    public void Presentation_EachStatus_WordIconAndColour()
    {
        Assert.Equal(("Online", Icons.Material.Filled.CheckCircle, Color.Success),
            (AgentsPageModel.LabelOf(AgentStatus.Online), AgentsPageModel.IconOf(AgentStatus.Online), AgentsPageModel.ColourOf(AgentStatus.Online)));
        Assert.Equal(("Silent", Icons.Material.Filled.CloudOff, Color.Error),
            (AgentsPageModel.LabelOf(AgentStatus.Silent), AgentsPageModel.IconOf(AgentStatus.Silent), AgentsPageModel.ColourOf(AgentStatus.Silent)));
        Assert.Equal(("Never seen", Icons.Material.Filled.HourglassEmpty, Color.Default),
            (AgentsPageModel.LabelOf(AgentStatus.NeverSeen), AgentsPageModel.IconOf(AgentStatus.NeverSeen), AgentsPageModel.ColourOf(AgentStatus.NeverSeen)));
    }

    private static AgentView Agent(string host, AgentStatus status, string? version, IReadOnlyList<string> roles) =>
        new(host, host, version, roles, roles, true, false, 3, null, DateTimeOffset.UnixEpoch, null, status, 180);

    private static PendingEnrolmentView Pending(EnrolmentVerdict verdict, bool inEstate) =>
        new(Guid.NewGuid(), "web01", "WEB01", verdict, EnrolmentPolicy.ReasonOf(verdict), "192.0.2.7", "rollout", "1.0", [], DateTimeOffset.UnixEpoch, inEstate);
}
