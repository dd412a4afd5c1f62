using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// What the settings form submits. <see cref="Password"/> empty keeps the stored one; <see cref="ClearPassword"/> removes it.
/// </summary>
public sealed record SmtpSettingsInput(string Host, int Port, SmtpSecurity Security, string? UserName, string? Password, bool ClearPassword, string FromAddress)
{
    /// <summary>Every problem, each naming its field.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) errors.Add("host: the SMTP server's name or address is required.");
        else if (Uri.CheckHostName(Host.Trim()) == UriHostNameType.Unknown) errors.Add($"host: '{Host}' is not a host name or address.");
        if (Port is < 1 or > 65535) errors.Add($"port: must be between 1 and 65535 (is {Port}).");
        if (string.IsNullOrWhiteSpace(FromAddress) || !AlertSettings.IsMailAddress(FromAddress))
            errors.Add($"from: '{FromAddress}' is not an email address.");
        if (!string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(UserName))
            errors.Add("user: a password needs a user name to log in with.");
        return errors;
    }
}
