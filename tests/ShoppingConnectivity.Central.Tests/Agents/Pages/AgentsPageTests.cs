using System.Net;
using Bunit;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Agents.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Agents.Pages;

/// <summary>The agents page on a real central's stores.</summary>
public sealed class AgentsPageTests : IAsyncLifetime
{
    private readonly PageHost _host = new();

    [Fact]
    public async Task AgentsPage_Revoke_VoidsTheTokenAndAuditsIt()
    {
        var client = _host.Factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var page = _host.Context.Render<AgentsPage>();

        page.WaitForElement($"button.agent-revoke[data-agent='web01']").Click();
        page.WaitForElement($"button.agent-revoke-confirm[data-agent='web01']").Click();

        page.WaitForAssertion(() => Assert.Contains("Agent 'web01' revoked", page.Find(".agents-message").TextContent));
        Assert.Contains("must enrol again", page.Find(".agent-revoked").TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token))).StatusCode);
        var entry = Assert.Single(await _host.Get<IAuditLog>().ListAsync("agent.revoke"));
        Assert.Equal((PageHost.UserName, "web01"), (entry.Actor, entry.Target));
        Assert.NotNull((await _host.Get<AgentDirectory>().ListAsync()).Single().RevokedAt);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
