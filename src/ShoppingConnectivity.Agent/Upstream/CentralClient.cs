using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Upstream;

/// <summary>Talks to central's agent API; enrols on first use and again when central forgets the token.</summary>
public sealed class CentralClient(HttpClient http, TokenStore tokens, IOptions<AgentOptions> options, ILogger<CentralClient> logger)
{
    /// <summary>This agent's version, reported at enrolment and in every request's User-Agent.</summary>
    public static string Version { get; } = typeof(CentralClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Longest a call to central may take, enrolment included. The HttpClient has no timeout of its own: a deadline on
    /// the agent's clock costs no runtime timer per request (see <see cref="AgentClock"/>).
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Fetches the plan; null when unchanged since <paramref name="etag"/>.</summary>
    public Task<(AgentPlan? Plan, string? ETag)> GetPlanAsync(string? etag, CancellationToken cancellationToken) =>
        WithDeadlineAsync("GET plan", ct => GetPlanCoreAsync(etag, ct), cancellationToken);

    public Task<ResultBatchAccepted> PostResultsAsync(ResultBatch batch, CancellationToken cancellationToken) =>
        WithDeadlineAsync("POST results", ct => PostResultsCoreAsync(batch, ct), cancellationToken);

    /// <summary>
    /// The long-poll for what central asks of this agent ("Test now"): central answers at once when something is
    /// queued, else 204 (an empty list here) after <paramref name="wait"/>. A central older than the long-poll answers
    /// 404: <see cref="HttpRequestException.StatusCode"/> says so.
    /// </summary>
    public Task<IReadOnlyList<AgentRequest>> WaitForRequestsAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        WithDeadlineAsync("GET requests", ct => WaitForRequestsCoreAsync(wait, ct), cancellationToken, wait + RequestTimeout);

    private async Task<IReadOnlyList<AgentRequest>> WaitForRequestsCoreAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await SendAsync(id => new HttpRequestMessage(HttpMethod.Get, $"{AgentRequests.PathFor(id)}?wait={seconds}s"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent) return [];
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync(AgentJson.Default.AgentRequests, cancellationToken))?.Requests ?? [];
    }

    private static async Task<T> WithDeadlineAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var limit = timeout ?? RequestTimeout;
        using var deadline = new Deadline(limit, cancellationToken);
        try
        {
            return await call(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{what}: central did not answer within {limit.TotalSeconds:N0} s.");
        }
    }

    private async Task<(AgentPlan? Plan, string? ETag)> GetPlanCoreAsync(string? etag, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(id =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/agents/{Uri.EscapeDataString(id)}/plan");
            if (etag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
            return request;
        }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified) return (null, etag);
        await EnsureSuccessAsync(response, cancellationToken);
        var plan = await response.Content.ReadFromJsonAsync(AgentJson.Default.AgentPlan, cancellationToken);
        return (plan, response.Headers.ETag?.ToString());
    }

    private async Task<ResultBatchAccepted> PostResultsCoreAsync(ResultBatch batch, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(id => new HttpRequestMessage(HttpMethod.Post, $"api/v1/agents/{Uri.EscapeDataString(id)}/results")
        {
            Content = JsonContent.Create(batch, AgentJson.Default.ResultBatch),
        }, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync(AgentJson.Default.ResultBatchAccepted, cancellationToken))!;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<string, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var identity = await EnsureIdentityAsync(refused: null, cancellationToken);
        var response = await SendWithTokenAsync(build(identity.AgentId), identity, cancellationToken);
        if (CentralForgotUs(response))
        {
            // Central no longer takes this token (database reset, revoked): enrol again once. If another agent has the
            // host or it was revoked, that enrolment waits for an Admin rather than taking the host over.
            logger.LogWarning("Central rejected agent {AgentId}'s token ({Status}); enrolling again.", identity.AgentId, (int)response.StatusCode);
            // A push and a plan sync refused together enrol once: the second finds the new token already stored.
            response.Dispose();
            identity = await EnsureIdentityAsync(refused: identity, cancellationToken);
            response = await SendWithTokenAsync(build(identity.AgentId), identity, cancellationToken);
        }

        return response;
    }

    /// <summary>
    /// 401 means the token is void (central answers every refusal so). A 403 for a waiting enrolment is not: the token
    /// works once an Admin approves it, so the agent keeps it (and its results) and asks again on its next turn.
    /// </summary>
    private static bool CentralForgotUs(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Unauthorized;

    private Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, TokenStore.Identity identity, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.Token);
        return http.SendAsync(request, cancellationToken);
    }

    private Task<TokenStore.Identity> EnsureIdentityAsync(TokenStore.Identity? refused, CancellationToken cancellationToken)
    {
        var o = options.Value;
        return tokens.GetOrEnrolAsync(
            stored => stored.CentralUrl == o.CentralUrl && string.Equals(stored.HostName, o.EffectiveHostName, StringComparison.OrdinalIgnoreCase),
            refused, EnrolAsync, cancellationToken);
    }

    private async Task<TokenStore.Identity> EnrolAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.EnrolmentKey))
        {
            throw new InvalidOperationException($"This agent has no token yet and {AgentOptions.Section}:EnrolmentKey is empty; set it to enrol with central.");
        }

        using var response = await http.PostAsJsonAsync("api/v1/agents/enrol",
            new EnrolmentRequest(o.EffectiveHostName, o.EnrolmentKey, Version, o.Roles), AgentJson.Default.EnrolmentRequest, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var enrolment = (await response.Content.ReadFromJsonAsync(AgentJson.Default.EnrolmentResponse, cancellationToken))!;
        if (enrolment.Pending)
        {
            // Another agent has this host, it was revoked, or the estate does not list it: an Admin decides.
            logger.LogWarning("Enrolment with {Central} as agent {AgentId} waits for an Admin: {Detail}", o.CentralUrl, enrolment.AgentId, enrolment.Detail);
        }
        else
        {
            logger.LogInformation("Enrolled with {Central} as agent {AgentId}.", o.CentralUrl, enrolment.AgentId);
        }

        return new TokenStore.Identity(o.CentralUrl, o.EffectiveHostName, enrolment.AgentId, enrolment.Token);
    }

    /// <summary>Throws with central's problem text, so the log says what central objected to.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {body}",
            null,
            response.StatusCode);
    }
}
