using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>
/// The agent API is no oracle: a bad token for an unknown id, a known one or a revoked one gets the same 401, so a
/// stranger learns nothing about which agents exist or what became of them.
/// </summary>
public sealed class AgentTokenFilterTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    [Fact]
    public async Task Refusal_WhateverTheReason_IsTheSame401WithNothingAboutTheAgent()
    {
        // The attack: GET plan answered 404 for an unknown id and 401 for a known one, and told a revoked agent so.
        var client = _factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");
        var db = await AgentApi.EnrolAsync(client, "db01");
        Assert.True(await _factory.Services.GetRequiredService<AgentDirectory>().RevokeAsync("db01", "admin"));

        var answers = new List<(string Case, HttpResponseMessage Response)>
        {
            ("no token", await client.GetAsync("/api/v1/agents/web01/plan")),
            ("not bearer", await Send(client, "/api/v1/agents/web01/plan", auth: "Basic d2ViMDE6eA==")),
            ("wrong token", await Send(client, "/api/v1/agents/web01/plan", web.Token + "x")),
            ("another agent's token", await Send(client, "/api/v1/agents/web01/plan", db.Token)),
            ("unknown id", await Send(client, "/api/v1/agents/ghost/plan", web.Token)),
            ("unknown id, no token", await client.GetAsync("/api/v1/agents/ghost/plan")),
            ("revoked, its old token", await Send(client, "/api/v1/agents/db01/plan", db.Token)),
            ("results, unknown id", await Send(client, "/api/v1/agents/ghost/results", "x", HttpMethod.Post)),
            ("results, revoked", await Send(client, "/api/v1/agents/db01/results", db.Token, HttpMethod.Post)),
        };

        foreach (var (what, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(
                (AgentTokenFilter.RefusedTitle, AgentTokenFilter.RefusedDetail),
                (problem.RootElement.GetProperty("title").GetString(), problem.RootElement.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task Route_InOtherCase_IsTheSameAgent()
    {
        var client = _factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client, "web01");

        Assert.Equal(HttpStatusCode.OK, (await Send(client, "/api/v1/agents/WEB01/plan", web.Token)).StatusCode);
    }

    public void Dispose() => _factory.Dispose();

    private static Task<HttpResponseMessage> Send(HttpClient client, string url, string? token = null, HttpMethod? method = null, string? auth = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (method == HttpMethod.Post) request.Content = JsonContent.Create(new ResultBatch(Guid.NewGuid(), []), options: ContractsJson.Options);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (auth is not null) request.Headers.TryAddWithoutValidation("Authorization", auth);
        return client.SendAsync(request);
    }
}
