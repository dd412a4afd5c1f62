using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// The agent API's rate limit, as central's global limiter: a window of a minute per agent id and token (only the
/// holder of an agent's token can use up that agent's requests, so a caller guessing ids slows no real agent), per
/// client address for enrolment, on endpoints with <see cref="AgentRateLimitMetadata"/>; any other endpoint is not
/// limited here. Not a rate-limiter policy: a policy's partitions live in the framework's partitioned limiter, whose
/// heartbeat visits every partition every 100 ms (4 % of central's CPU with 2,000 agents at 1,000 results/s, and it
/// grows with the agents). Here windows idle for a minute are dropped by one sweep a minute on the request path.
/// </summary>
public sealed class AgentRequestLimiter(IOptions<SecurityOptions> options, TimeProvider clock) : PartitionedRateLimiter<HttpContext>
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly RateLimitLease NotLimited = LazyWindowRateLimiter.Lease.Acquired;

    private readonly ConcurrentDictionary<string, LazyWindowRateLimiter> _windows = new(StringComparer.Ordinal);
    private long _nextSweep = long.MinValue;

    /// <summary>Windows held now (one per agent and token or enrolling address seen within about two minutes).</summary>
    public int Count => _windows.Count;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) =>
        Key(resource, out _) is { } key && _windows.TryGetValue(key, out var window) ? window.GetStatistics() : null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (Key(resource, out var permits) is not { } key) return NotLimited;
        SweepIfDue();
        var window = _windows.GetOrAdd(key, static (_, state) => new LazyWindowRateLimiter(state.permits, Window, state.clock), (permits, clock));
        return window.AttemptAcquire(permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var window in _windows.Values) window.Dispose();
            _windows.Clear();
        }

        base.Dispose(disposing);
    }

    /// <summary>The window's key and permits for an agent endpoint's request, or null for any other endpoint.</summary>
    private string? Key(HttpContext context, out int permits)
    {
        permits = 0;
        if (context.GetEndpoint()?.Metadata.GetMetadata<AgentRateLimitMetadata>() is null) return null;
        var security = options.Value;
        if (context.Request.RouteValues.TryGetValue("id", out var id) && id is string agentId)
        {
            permits = security.AgentRequestsPerMinute;
            var token = context.Request.Headers.Authorization.ToString();
            var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 8);
            return $"agent:{agentId}:{fingerprint}";
        }

        permits = security.EnrolRequestsPerMinute;
        return $"enrol:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
    }

    /// <summary>
    /// Once a minute, by the first request after it is due: drops windows idle for a minute. A dropped window had
    /// ended, so the agent's next request starts a new one as it would have anyway; a request racing the sweep on a
    /// dropped window may go uncounted (one extra request, once).
    /// </summary>
    private void SweepIfDue()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + Window.Ticks, due) != due) return;
        foreach (var entry in _windows)
        {
            if (entry.Value.IdleDuration >= Window && _windows.TryRemove(entry)) entry.Value.Dispose();
        }
    }
}
