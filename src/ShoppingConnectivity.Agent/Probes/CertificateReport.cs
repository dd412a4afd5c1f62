namespace ShoppingConnectivity.Agent.Probes;

/// <summary>What a TLS server showed: its certificate, the expiry, and whether that makes the link degraded.</summary>
public sealed record CertificateReport(string Subject, string Issuer, DateTimeOffset NotAfter, int DaysLeft, bool Degraded, string Detail);
