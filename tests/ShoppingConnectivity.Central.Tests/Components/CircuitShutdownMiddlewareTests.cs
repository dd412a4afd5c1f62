using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using ShoppingConnectivity.Central.Components;

namespace ShoppingConnectivity.Central.Tests.Components;

/// <summary>
/// The middleware with the host's real application lifetime; the request's abort is recorded as the server would see it.
/// The whole stop (Kestrel, a real browser reconnecting) is in the end-to-end ShutdownEndToEndTests.
/// </summary>
public sealed class CircuitShutdownMiddlewareTests
{
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);

    [Fact]
    public async Task HubConnection_WhenStoppingBegins_IsAborted()
    {
        var (context, lifetime) = Request("/_blazor");
        var connected = new TaskCompletionSource();
        var closed = new TaskCompletionSource();
        var running = new CircuitShutdownMiddleware(async _ =>
        {
            connected.SetResult();
            await closed.Task;
        }, _lifetime).InvokeAsync(context);
        await connected.Task;
        Assert.False(lifetime.Aborted);

        _lifetime.StopApplication();

        Assert.True(lifetime.Aborted);
        closed.SetResult();
        await running;
    }

    [Fact]
    public async Task HubRequest_AfterStoppingBegan_Answers503WithoutReachingTheHub()
    {
        _lifetime.StopApplication();
        var (context, _) = Request("/_blazor/negotiate");
        var reached = false;

        await new CircuitShutdownMiddleware(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        }, _lifetime).InvokeAsync(context);

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task OtherRequest_WhenStoppingBegins_RunsToItsEnd()
    {
        // An agent's batch waits for its commit: the server lets it finish.
        var (context, lifetime) = Request("/api/v1/agents/web01/results");
        var reached = new TaskCompletionSource();
        var answer = new TaskCompletionSource();
        var running = new CircuitShutdownMiddleware(async _ =>
        {
            reached.SetResult();
            await answer.Task;
        }, _lifetime).InvokeAsync(context);
        await reached.Task;

        _lifetime.StopApplication();

        Assert.False(lifetime.Aborted);
        answer.SetResult();
        await running;
    }

    private static (HttpContext Context, RecordingLifetime Lifetime) Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        var lifetime = new RecordingLifetime();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        return (context, lifetime);
    }

    private sealed class RecordingLifetime : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }
}
