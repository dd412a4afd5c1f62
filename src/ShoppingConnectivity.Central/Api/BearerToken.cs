namespace ShoppingConnectivity.Central.Api;

/// <summary>The 'Authorization: Bearer' value of a request: agents, API tokens and the metrics scrape all send theirs so.</summary>
public static class BearerToken
{
    /// <summary>The token after "Bearer " (any case), trimmed; null when there is none.</summary>
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
