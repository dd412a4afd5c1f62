using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Core.Tests.Agents;

public class EnrolmentPolicyTests
{
    [Theory]
    [InlineData(true, AgentStanding.None, false, EnrolmentVerdict.Enrol)]
    [InlineData(false, AgentStanding.None, false, EnrolmentVerdict.PendingNotInEstate)]
    [InlineData(true, AgentStanding.Active, false, EnrolmentVerdict.PendingHostHasAgent)]
    [InlineData(true, AgentStanding.Active, true, EnrolmentVerdict.Enrol)]
    [InlineData(false, AgentStanding.Active, true, EnrolmentVerdict.Enrol)]
    [InlineData(true, AgentStanding.Revoked, false, EnrolmentVerdict.PendingAgentRevoked)]
    [InlineData(false, AgentStanding.Revoked, false, EnrolmentVerdict.PendingAgentRevoked)]
    public void Decide_KeyAloneNeverTakesAHost(bool inEstate, AgentStanding standing, bool provesItself, EnrolmentVerdict expected) =>
        Assert.Equal(expected, EnrolmentPolicy.Decide(inEstate, standing, provesItself));

    [Fact]
    public void ReasonOf_NotInEstate_SaysSo() =>
        Assert.Equal("not in the estate", EnrolmentPolicy.ReasonOf(EnrolmentVerdict.PendingNotInEstate));
}
