namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// What Prometheus costs to take probe results from a blackbox exporter (issue 20): CPU per probe result (one scrape
/// each), its memory at the end of the window and at its peak, for that many targets at that rate.
/// </summary>
public sealed record PrometheusFigures(
    double CpuMicrosPerProbe,
    long RssBytes,
    long PeakRssBytes,
    int Targets,
    double ProbesPerSecond,
    int SamplesPerScrape);
