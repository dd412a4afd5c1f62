namespace ShoppingConnectivity.Central.Api;

/// <summary>The address a request came from, as limits per client count it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's remote address ("unknown" when the server has none, as in-process test servers). No
    /// X-Forwarded-For: behind a proxy every client is the proxy, which errs towards limiting too much, never too little.
    /// </summary>
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
