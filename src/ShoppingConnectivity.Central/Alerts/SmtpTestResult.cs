namespace ShoppingConnectivity.Central.Alerts;

/// <summary>What a test mail came to: the server's answer ("2.0.0 OK ...") or the error.</summary>
public sealed record SmtpTestResult(bool Sent, string Answer);
