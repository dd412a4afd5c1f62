namespace ShoppingConnectivity.Central.Metrics;

/// <summary>Prometheus metrics on <see cref="Path"/>, bound from "Central:Metrics".</summary>
public sealed class MetricsOptions
{
    public const string Section = "Central:Metrics";

    public const string Path = "/metrics";

    /// <summary>Off: no /metrics endpoint (the instruments still feed dotnet-counters).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The bearer token Prometheus sends (scrape_config authorization.credentials). A secret: from the environment
    /// variable Central__Metrics__ScrapeToken or the file <see cref="ScrapeTokenFile"/> names, never a settings file.
    /// </summary>
    public string? ScrapeToken { get; set; }

    /// <summary>A file holding the scrape token (Docker and Kubernetes secrets): what Prometheus's credentials_file reads too.</summary>
    public string? ScrapeTokenFile { get; set; }

    /// <summary>Serve /metrics without a token: only where the network alone decides who scrapes.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>One series per link (sc_link_up): for small estates only; off by default, capped by <see cref="MaxLinkSeries"/>.</summary>
    public bool PerLinkSeries { get; set; }

    public int MaxLinkSeries { get; set; } = 2000;

    /// <summary>Database counts (agents, alerts, mails) are read at most this often, however often Prometheus scrapes.</summary>
    public int RefreshSeconds { get; set; } = 10;
}
