using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Agents;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>
/// The enrolment key proves only "one of ours": it cannot take over another host's agent, undo a revoke, or enrol a
/// host the estate does not list. Those wait for an Admin.
/// </summary>
public sealed class AgentEnrolmentTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly List<CentralFactory> _factories = [];

    private CentralFactory Central(Dictionary<string, string?>? settings = null)
    {
        var factory = new CentralFactory(settings);
        _factories.Add(factory);
        return factory;
    }

    [Fact]
    public async Task Enrol_SameHostInOtherCase_WaitsForAnAdminAndLeavesTheAgentAlone()
    {
        // The attack: the enrolment key and "WEB01" took over agent web01, whose real agent then got 401 while
        // forged Refused results turned its edges red.
        var factory = Central();
        var client = factory.CreateClient();
        var real = await AgentApi.EnrolAsync(client, "web01");

        var response = await EnrolAsync(client, "WEB01");
        var attacker = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(attacker.Pending);
        Assert.Equal("web01", attacker.AgentId);
        Assert.Contains("another agent is enrolled for this host", attacker.Detail, StringComparison.Ordinal);
        // The real agent keeps working; the stranger's token opens nothing, and its forged results are not stored.
        Assert.Equal(HttpStatusCode.OK, (await PlanAsync(client, "web01", real.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.PostResultsAsync(client, real, Batch(ProbeOutcome.Reachable))).StatusCode);
        var forged = await AgentApi.PostResultsAsync(client, attacker, Batch(ProbeOutcome.Refused));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("waits for an Admin", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([ProbeOutcome.Reachable], await WithDbAsync(factory, db => db.Results.Select(r => r.Outcome).ToListAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanAsync(client, "WEB01", attacker.Token)).StatusCode);
        var waiting = Assert.Single(await Enrolment(factory).ListPendingAsync());
        Assert.Equal(("web01", "WEB01", EnrolmentVerdict.PendingHostHasAgent, "unknown"), (waiting.AgentId, waiting.HostName, waiting.Verdict, waiting.Address));
        Assert.Contains(await AuditAsync(factory), a => a is { Action: "agent.enrol.pending", Target: "web01" });
    }

    [Fact]
    public async Task Approve_WaitingRequest_GivesItTheHostAndVoidsTheOldToken()
    {
        var factory = Central();
        var client = factory.CreateClient();
        var old = await AgentApi.EnrolAsync(client, "web01");
        var rebuilt = await BodyAsync(await EnrolAsync(client, "web01"));
        var request = Assert.Single(await Enrolment(factory).ListPendingAsync());

        var approved = await Enrolment(factory).ApproveAsync(request.Id);

        Assert.NotNull(approved);
        Assert.Equal(HttpStatusCode.OK, (await PlanAsync(client, "web01", rebuilt.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PlanAsync(client, "web01", old.Token)).StatusCode);
        Assert.Empty(await Enrolment(factory).ListPendingAsync());
        Assert.Null(await Enrolment(factory).ApproveAsync(request.Id));
    }

    [Fact]
    public async Task Reject_WaitingRequest_ItsTokenNeverWorks()
    {
        var factory = Central();
        var client = factory.CreateClient();
        var real = await AgentApi.EnrolAsync(client, "web01");
        var stranger = await BodyAsync(await EnrolAsync(client, "web01"));

        Assert.NotNull(await Enrolment(factory).RejectAsync(Assert.Single(await Enrolment(factory).ListPendingAsync()).Id));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PlanAsync(client, "web01", stranger.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PlanAsync(client, "web01", real.Token)).StatusCode);
    }

    [Fact]
    public async Task Enrol_RevokedAgent_StaysRevokedUntilAnAdminAllowsIt()
    {
        // The attack: enrolling again undid an admin's revoke.
        var factory = Central();
        var client = factory.CreateClient();
        await AgentApi.EnrolAsync(client, "web01");
        Assert.True(await factory.Services.GetRequiredService<AgentDirectory>().RevokeAsync("web01", "admin"));

        var again = await BodyAsync(await EnrolAsync(client, "web01"));

        Assert.True(again.Pending);
        Assert.Contains("revoked", again.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanAsync(client, "web01", again.Token)).StatusCode);
        Assert.NotNull(Assert.Single(await factory.Services.GetRequiredService<AgentDirectory>().ListAsync()).RevokedAt);

        await Enrolment(factory).ApproveAsync(Assert.Single(await Enrolment(factory).ListPendingAsync()).Id);

        Assert.Equal(HttpStatusCode.OK, (await PlanAsync(client, "web01", again.Token)).StatusCode);
        Assert.Null(Assert.Single(await factory.Services.GetRequiredService<AgentDirectory>().ListAsync()).RevokedAt);
    }

    [Fact]
    public async Task Enrol_WithTheAgentsCurrentToken_RekeysAtOnce()
    {
        var factory = Central();
        var client = factory.CreateClient();
        var first = await AgentApi.EnrolAsync(client, "web01");

        var response = await EnrolAsync(client, "web01", bearer: first.Token);
        var second = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(second.Pending);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(HttpStatusCode.OK, (await PlanAsync(client, "web01", second.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PlanAsync(client, "web01", first.Token)).StatusCode);
        Assert.Empty(await Enrolment(factory).ListPendingAsync());
    }

    [Fact]
    public async Task Enrol_HostNotInTheEstate_WaitsUntilTheEstateListsIt()
    {
        var factory = Central();
        var client = factory.CreateClient();

        var response = await EnrolAsync(client, "stranger01");
        var stranger = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("not in the estate", stranger.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await WithDbAsync(factory, db => db.Agents.CountAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanAsync(client, "stranger01", stranger.Token)).StatusCode);

        // Once the estate lists the host (and no agent has it), the waiting token is the agent's at its next call.
        var store = factory.Services.GetRequiredService<EstateStore>();
        var document = EstateDocument.From(store.Current);
        document.Hosts!.Add(new EstateHostDocument { Name = "stranger01", Roles = ["Website"] });
        Assert.Equal(EstateSaveStatus.Saved, (await store.SaveAsync(document, "admin", null)).Status);

        Assert.Equal(HttpStatusCode.OK, (await PlanAsync(client, "stranger01", stranger.Token)).StatusCode);
        Assert.Empty(await Enrolment(factory).ListPendingAsync());
        Assert.Contains(await AuditAsync(factory), a => a is { Action: "agent.approve", Target: "stranger01" });
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("web01..contoso")]
    [InlineData("-web01")]
    [InlineData("web01-")]
    [InlineData("web_01")]
    [InlineData("web01.")]
    public async Task Enrol_NameThatIsNoHostName_Answers400NamingIt(string hostName)
    {
        var factory = Central();
        var client = factory.CreateClient();

        var response = await EnrolAsync(client, hostName);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"hostName: '{hostName}' is not a valid host name", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await WithDbAsync(factory, db => db.PendingEnrolments.CountAsync()));
    }

    [Fact]
    public async Task Enrol_ManyWaitingFromOneAddress_IsBoundedPerAddress()
    {
        var factory = Central(new() { ["Central:Enrolment:MaxPendingPerAddress"] = "2" });
        var client = factory.CreateClient();

        var first = await EnrolAsync(client, "stranger01", address: "192.0.2.7");
        var second = await EnrolAsync(client, "stranger02", address: "192.0.2.7");
        var sameAgain = await EnrolAsync(client, "stranger02", address: "192.0.2.7");
        var third = await EnrolAsync(client, "stranger03", address: "192.0.2.7");
        var elsewhere = await EnrolAsync(client, "stranger03", address: "192.0.2.8");

        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted],
            new[] { first, second, sameAgain, third, elsewhere }.Select(r => r.StatusCode));
        Assert.Contains("Central:Enrolment:MaxPendingPerAddress", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Asking again replaced stranger02's request: one place each, and the newest token is the one that waits.
        var waiting = await Enrolment(factory).ListPendingAsync();
        Assert.Equal(["stranger01", "stranger02", "stranger03"], waiting.Select(w => w.AgentId).Order());
        Assert.Equal(HttpStatusCode.Unauthorized, (await PlanAsync(client, "stranger02", (await BodyAsync(second)).Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PlanAsync(client, "stranger02", (await BodyAsync(sameAgain)).Token)).StatusCode);
    }

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
    }

    private static AgentEnrolment Enrolment(CentralFactory factory) => factory.Services.GetRequiredService<AgentEnrolment>();

    private static async Task<HttpResponseMessage> EnrolAsync(HttpClient client, string host, string? bearer = null, string? address = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agents/enrol")
        {
            Content = JsonContent.Create(new EnrolmentRequest(host, CentralFactory.EnrolmentKey, "test"), options: ContractsJson.Options),
        };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (address is not null) request.Headers.Add(CentralFactory.ClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    private static async Task<EnrolmentResponse> BodyAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<EnrolmentResponse>(await response.Content.ReadAsStringAsync(), ContractsJson.Options)!;

    private static Task<HttpResponseMessage> PlanAsync(HttpClient client, string id, string token) =>
        client.SendAsync(AgentApi.Authorised(HttpMethod.Get, $"/api/v1/agents/{id}/plan", token));

    private static ResultBatch Batch(ProbeOutcome outcome) => new(Guid.NewGuid(), [AgentApi.Result(SqlProbe, outcome)]);

    private static async Task<IReadOnlyList<AuditRecord>> AuditAsync(CentralFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync();
    }

    private static async Task<T> WithDbAsync<T>(CentralFactory factory, Func<CentralDbContext, Task<T>> query)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
