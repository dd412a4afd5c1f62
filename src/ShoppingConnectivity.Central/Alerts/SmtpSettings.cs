namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The SMTP settings as shown: never the password, only whether one is stored.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? UserName, bool HasPassword, string FromAddress);
