using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Core.Tests.Agents;

public class AgentLivenessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StatusOf_NeverHeardFrom_IsNeverSeen() =>
        Assert.Equal(AgentStatus.NeverSeen, AgentLiveness.StatusOf(null, Now, 60, 3));

    [Theory]
    [InlineData(0, AgentStatus.Online)]
    [InlineData(180, AgentStatus.Online)]
    [InlineData(181, AgentStatus.Silent)]
    [InlineData(86_400, AgentStatus.Silent)]
    public void StatusOf_SecondsSinceLastWord_SilentAfterThreeIntervals(int seconds, AgentStatus expected) =>
        Assert.Equal(expected, AgentLiveness.StatusOf(Now.AddSeconds(-seconds), Now, 60, 3));

    [Fact]
    public void StatusOf_ShortIntervalAgent_GoesSilentSooner()
    {
        Assert.Equal(AgentStatus.Silent, AgentLiveness.StatusOf(Now.AddSeconds(-16), Now, 5, 3));
        Assert.Equal(AgentStatus.Online, AgentLiveness.StatusOf(Now.AddSeconds(-16), Now, 60, 3));
    }

    [Theory]
    [InlineData(180, AgentStatus.Online)]
    [InlineData(181, AgentStatus.Silent)]
    public void StatusOf_CentralListeningSinceAfterTheLastWord_CountsFromListening(int secondsAfterListening, AgentStatus expected)
    {
        var listening = Now.AddSeconds(-secondsAfterListening);
        var lastWord = listening.AddHours(-1); // central was down for an hour

        Assert.Equal(expected, AgentLiveness.StatusOf(lastWord, Now, 60, 3, listening));
    }

    [Fact]
    public void StatusOf_LastWordAfterListening_CountsFromTheLastWord() =>
        Assert.Equal(AgentStatus.Silent, AgentLiveness.StatusOf(Now.AddSeconds(-181), Now, 60, 3, Now.AddHours(-1)));
}
