namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Headers that keep the pages from being framed, sniffed or fed foreign scripts. The CSP fits Blazor Server and
/// MudBlazor: scripts only from central itself (no inline script, no eval), inline styles allowed (MudBlazor sets
/// style attributes), the circuit's WebSocket to the same origin, images and fonts from central or data: URLs.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// HttpContext.Items key of a nonce that lets this one answer run its own inline scripts (the API docs page's
    /// start-up script); every other answer keeps script-src 'self'.
    /// </summary>
    public const string ScriptNonceItem = "ShoppingConnectivity.Central.ScriptNonce";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[ScriptNonceItem] is string nonce
                ? ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
