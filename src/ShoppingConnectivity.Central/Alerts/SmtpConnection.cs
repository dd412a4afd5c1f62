namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Settings plus the clear password; <see cref="ToString"/> leaves the password out, so a log line cannot leak it.</summary>
internal sealed record SmtpConnection(SmtpSettings Settings, string? Password)
{
    public override string ToString() => $"{Settings.Host}:{Settings.Port} ({Settings.Security}, user {Settings.UserName ?? "none"})";
}
