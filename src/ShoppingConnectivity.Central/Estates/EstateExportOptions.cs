namespace ShoppingConnectivity.Central.Estates;

/// <summary>How many downloads of the estate and its firewall rules central serves at once ("Central:Exports").</summary>
public sealed class EstateExportOptions
{
    public const string Section = "Central:Exports";

    /// <summary>
    /// Export requests served at once, from the start of the request to the last byte sent, across all users; past it
    /// the answer is 503 with Retry-After. Each export is generated once per estate version whatever this is; the cap
    /// bounds the requests waiting for a generation and the downloads streaming at the same time.
    /// </summary>
    public int MaxConcurrent { get; set; } = 8;

    /// <summary>The Retry-After of a refused export request: time enough for a generation or a download to finish.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
