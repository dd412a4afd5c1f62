namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The SMTP server alerts go through (one row). The password is stored protected by ASP.NET Data Protection.</summary>
public sealed class SmtpSettingsRecord
{
    public int Id { get; set; } = 1;
    public required string Host { get; set; }
    public int Port { get; set; }
    public required string Security { get; set; }
    public string? UserName { get; set; }
    public string? ProtectedPassword { get; set; }
    public required string FromAddress { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
