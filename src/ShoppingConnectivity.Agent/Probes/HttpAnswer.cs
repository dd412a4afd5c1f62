namespace ShoppingConnectivity.Agent.Probes;

/// <summary>What came back from one GET: a failure already classified, or the status (and the body when asked for).</summary>
public sealed record HttpAnswer(ProbeFinding? Failure, int Status, string Reason, string? Server, byte[] Body, double? LatencyMs, CertificateReport? Certificate, string Where)
{
    public string StatusText => $"HTTP {Status}{(string.IsNullOrEmpty(Reason) ? "" : " " + Reason)}";
}
