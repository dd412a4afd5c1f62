using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Alerts;

/// <summary>The alerts API as a signed-in person calls it: read alerts, acknowledge one as an Operator.</summary>
public sealed class AlertEndpointsTests : IDisposable
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";
    private readonly CentralFactory _factory = new(new Dictionary<string, string?>
    {
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:GroupingSeconds"] = "0",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
    });

    [Fact]
    public async Task Acknowledge_Operator_AcknowledgedBySignedInUserWithNoteAndAudited()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var client = await _factory.SignInAsync(CentralRoles.Operator, "ops.jane");

        var response = await client.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new AlertAcknowledgeRequest("CHG-42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await response.Content.ReadFromJsonAsync<AlertView>(ContractsJson.Options);
        Assert.Equal(("ops.jane", "CHG-42"), (alert!.AcknowledgedBy, alert.AcknowledgeNote));
        Assert.Contains(alert.Events, e => e.Kind == "Acknowledged");
        var audit = Assert.Single(await AuditAsync("alert.acknowledge"));
        Assert.Equal(("ops.jane", "CHG-42"), (audit.Actor, audit.Details));
    }

    [Fact]
    public async Task Acknowledge_NoBody_AcknowledgedWithoutNote()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var client = await _factory.SignInAsync(CentralRoles.Operator);

        var response = await client.PostAsync($"/api/v1/alerts/{id}/acknowledge", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await response.Content.ReadFromJsonAsync<AlertView>(ContractsJson.Options))!.AcknowledgeNote);
    }

    [Fact]
    public async Task Acknowledge_Twice_Conflict409KeepsTheFirst()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var first = await _factory.SignInAsync(CentralRoles.Operator, "ops.jane");
        using var second = await _factory.SignInAsync(CentralRoles.Admin, "ops.max");
        await first.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new AlertAcknowledgeRequest("mine"));

        var response = await second.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new AlertAcknowledgeRequest("no, mine"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("acknowledged by ops.jane", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await AuditAsync("alert.acknowledge"));
    }

    [Fact]
    public async Task Acknowledge_UnknownAlert_NotFound404()
    {
        using var client = await _factory.SignInAsync(CentralRoles.Operator);

        var response = await client.PostAsJsonAsync("/api/v1/alerts/999/acknowledge", new AlertAcknowledgeRequest(null));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Acknowledge_NoteTooLong_BadRequest400NamingIt()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var client = await _factory.SignInAsync(CentralRoles.Operator);

        var response = await client.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new AlertAcknowledgeRequest(new string('n', AlertEndpoints.MaxNoteLength + 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("note: at most 1000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_Viewer_Forbidden403()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var client = await _factory.SignInAsync(CentralRoles.Viewer);

        var response = await client.PostAsJsonAsync($"/api/v1/alerts/{id}/acknowledge", new AlertAcknowledgeRequest(null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListAndFind_Viewer_TheAlert()
    {
        var id = await BreakTheSqlEdgeAsync();
        using var client = await _factory.SignInAsync(CentralRoles.Viewer);

        var list = await client.GetFromJsonAsync<List<AlertView>>("/api/v1/alerts", ContractsJson.Options);
        var one = await client.GetFromJsonAsync<AlertView>($"/api/v1/alerts/{id}", ContractsJson.Options);

        Assert.Equal(id, Assert.Single(list!).Id);
        Assert.Equal((Flow, "Open"), (one!.FlowId, one.State));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/alerts/999")).StatusCode);
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync(string search)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAuditLog>().ListAsync(search);
    }

    private async Task<long> BreakTheSqlEdgeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var services = _factory.Services;
        services.GetRequiredService<LinkStreaks>().Set("web01", Probe, Flow, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-3), now.AddMinutes(-1), now));
        services.GetRequiredService<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.TimedOut, now.AddMinutes(-3), now, null, "no answer in 3000 ms", 60)]);
        await services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        return Assert.Single(await services.GetRequiredService<AlertHistory>().ListAsync()).Id;
    }

    public void Dispose() => _factory.Dispose();
}
