using System.Net;
using System.Net.Http.Json;
using Bunit;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Agents.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

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
        Assert.Contains("its next enrolment waits for an Admin", page.Find(".agent-revoked").TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", agent.Token))).StatusCode);
        var entry = Assert.Single(await _host.Get<IAuditLog>().ListAsync("agent.revoke"));
        Assert.Equal((PageHost.UserName, "web01"), (entry.Actor, entry.Target));
        Assert.NotNull((await _host.Get<AgentDirectory>().ListAsync()).Single().RevokedAt);
    }

    [Fact]
    public async Task AgentsPage_AgentHost_LinksItsHostPage()
    {
        await AgentApi.EnrolAsync(_host.Factory.CreateClient());

        var page = _host.Context.Render<AgentsPage>();

        page.WaitForAssertion(() => Assert.Equal("/hosts/web01", page.Find("a.agent-host").GetAttribute("href")));
    }

    [Fact]
    public async Task AgentsPage_ApproveWaitingEnrolment_AfterConfirmingGivesItTheHostAndAuditsIt()
    {
        var client = _host.Factory.CreateClient();
        var old = await AgentApi.EnrolAsync(client);
        var rebuilt = await EnrolAgainAsync(client);
        var page = _host.Context.Render<AgentsPage>();

        var row = page.WaitForElement("tr.agent-pending[data-agent='web01']");
        Assert.Contains("another agent is enrolled for this host", row.TextContent);
        page.ClickOn("button.agent-approve");
        page.WaitForAssertion(() => Assert.Equal("Replace web01's agent", page.Find("button.agent-approve-confirm").TextContent.Trim()));
        page.ClickOn("button.agent-approve-confirm");

        page.WaitForAssertion(() => Assert.Contains("Enrolment of 'web01' from unknown approved", page.Find(".agents-message").TextContent));
        Assert.Empty(page.FindAll("tr.agent-pending"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", rebuilt.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", old.Token))).StatusCode);
        var entry = Assert.Single(await _host.Get<IAuditLog>().ListAsync("agent.approve"));
        Assert.Equal((PageHost.UserName, "web01"), (entry.Actor, entry.Target));
    }

    [Fact]
    public async Task AgentsPage_RejectWaitingEnrolment_ItsTokenNeverWorks()
    {
        var client = _host.Factory.CreateClient();
        await AgentApi.EnrolAsync(client);
        var stranger = await EnrolAgainAsync(client);
        var page = _host.Context.Render<AgentsPage>();

        page.WaitForElement("button.agent-reject").Click();

        page.WaitForAssertion(() => Assert.Contains("rejected: its token never works", page.Find(".agents-message").TextContent));
        Assert.Empty(page.FindAll("tr.agent-pending"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(AgentApi.Authorised(HttpMethod.Get, "/api/v1/agents/web01/plan", stranger.Token))).StatusCode);
        Assert.Single(await _host.Get<IAuditLog>().ListAsync("agent.reject"));
    }

    private static async Task<EnrolmentResponse> EnrolAgainAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/agents/enrol", new EnrolmentRequest("web01", CentralFactory.EnrolmentKey, "2.0"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EnrolmentResponse>(ContractsJson.Options))!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
