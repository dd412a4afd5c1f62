using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.Tests.Security;

public sealed class AgentRequestLimiterTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly AgentRequestLimiter _limiter;

    public AgentRequestLimiterTests() =>
        _limiter = new AgentRequestLimiter(Options.Create(new SecurityOptions { AgentRequestsPerMinute = 2, EnrolRequestsPerMinute = 3 }), _clock);

    public void Dispose() => _limiter.Dispose();

    [Fact]
    public void AttemptAcquire_EndpointOutsideTheAgentApi_IsNeverLimitedNorRemembered()
    {
        var page = new DefaultHttpContext();
        page.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(), "page"));

        var leases = Enumerable.Range(0, 50).Select(_ => _limiter.AttemptAcquire(page)).ToList();

        Assert.All(leases, l => Assert.True(l.IsAcquired));
        Assert.True(_limiter.AttemptAcquire(new DefaultHttpContext()).IsAcquired); // no endpoint at all (a static file)
        Assert.Equal(0, _limiter.Count);
    }

    [Fact]
    public void AttemptAcquire_PastAnAgentsPermits_RefusedWithRetryAfterForThatAgentAndTokenOnly()
    {
        Assert.True(_limiter.AttemptAcquire(Agent("web01", "token-a")).IsAcquired);
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(_limiter.AttemptAcquire(Agent("web01", "token-a")).IsAcquired);

        using var refused = _limiter.AttemptAcquire(Agent("web01", "token-a"));

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(45), retryAfter);
        // Someone guessing web01's id without its token, and another agent, have windows of their own.
        Assert.True(_limiter.AttemptAcquire(Agent("web01", "guessed")).IsAcquired);
        Assert.True(_limiter.AttemptAcquire(Agent("sql01", "token-b")).IsAcquired);
        Assert.Equal(0, _limiter.GetStatistics(Agent("web01", "token-a"))!.CurrentAvailablePermits);
    }

    [Fact]
    public void AttemptAcquire_Enrolment_CountsPerClientAddress()
    {
        for (var i = 0; i < 3; i++) Assert.True(_limiter.AttemptAcquire(Enrolment("10.0.0.5")).IsAcquired);

        Assert.False(_limiter.AttemptAcquire(Enrolment("10.0.0.5")).IsAcquired);
        Assert.True(_limiter.AttemptAcquire(Enrolment("10.0.0.6")).IsAcquired);
    }

    [Fact]
    public void AttemptAcquire_AMinuteAfterAWindowEnded_DropsItAndTheAgentStartsAFreshOne()
    {
        Assert.True(_limiter.AttemptAcquire(Agent("web01", "a")).IsAcquired);
        Assert.True(_limiter.AttemptAcquire(Agent("web01", "a")).IsAcquired);
        Assert.True(_limiter.AttemptAcquire(Agent("sql01", "b")).IsAcquired);
        _clock.Advance(TimeSpan.FromSeconds(90));
        Assert.True(_limiter.AttemptAcquire(Agent("sql01", "b")).IsAcquired); // sql01 keeps posting (this sweep drops nothing)
        Assert.Equal(2, _limiter.Count);

        _clock.Advance(TimeSpan.FromSeconds(60)); // the next sweep: web01's window ended 90 s ago, sql01's new one runs

        Assert.True(_limiter.AttemptAcquire(Agent("app01", "c")).IsAcquired);
        Assert.Equal(2, _limiter.Count);
        Assert.True(_limiter.AttemptAcquire(Agent("web01", "a")).IsAcquired);
        Assert.True(_limiter.AttemptAcquire(Agent("web01", "a")).IsAcquired);
        Assert.False(_limiter.AttemptAcquire(Agent("web01", "a")).IsAcquired);
    }

    private static DefaultHttpContext Agent(string id, string token)
    {
        var context = Limited();
        context.Request.RouteValues["id"] = id;
        context.Request.Headers.Authorization = $"Bearer {token}";
        return context;
    }

    private static DefaultHttpContext Enrolment(string address)
    {
        var context = Limited();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return context;
    }

    private static DefaultHttpContext Limited()
    {
        var context = new DefaultHttpContext();
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(AgentRateLimitMetadata.Instance), "agent api"));
        return context;
    }
}
