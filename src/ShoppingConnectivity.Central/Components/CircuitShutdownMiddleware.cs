namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// Ends the dashboards' circuit connections when central stops, so the server does not wait for them until the
/// shutdown timeout. SignalR closes the connections it holds as soon as stopping begins, but a browser reconnects at
/// once and the server still accepts connections until it stops listening: such a new WebSocket would stay open.
/// A connection to the circuit hub is cut when stopping begins, and one that arrives after that gets 503; the browser
/// tries again and finds central back (or another central node).
/// </summary>
public sealed class CircuitShutdownMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    /// <summary>Where the interactive server render mode maps Blazor's hub (negotiate, WebSocket, long polling, disconnect).</summary>
    public static readonly PathString HubPath = "/_blazor";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(HubPath))
        {
            await next(context);
            return;
        }

        var stopping = lifetime.ApplicationStopping;
        if (stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // Runs at once if stopping began since the check above.
        await using var cut = stopping.Register(static c => ((HttpContext)c!).Abort(), context);
        await next(context);
    }
}
