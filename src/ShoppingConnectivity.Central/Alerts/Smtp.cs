using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay inside the network).</summary>
    None,
    /// <summary>Plain connect, then STARTTLS (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    Ssl,
}

/// <summary>The SMTP settings as shown: never the password, only whether one is stored.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? UserName, bool HasPassword, string FromAddress);

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

/// <summary>
/// Keeps the SMTP settings in the database. The password is protected with ASP.NET Data Protection (keys beside the
/// database) and leaves this class only towards the SMTP server, never towards a page or a log.
/// </summary>
public sealed class SmtpSettingsStore(IDbContextFactory<CentralDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("ShoppingConnectivity.Central.Alerts.SmtpPassword");

    public async Task<SmtpSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        var record = await ReadAsync(cancellationToken);
        return record is null ? null : ToSettings(record);
    }

    /// <summary>Saves valid settings; returns the problems otherwise (nothing saved).</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(SmtpSettingsInput input, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0) return errors;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.SmtpSettings.FindAsync([1], cancellationToken);
        if (record is null)
        {
            record = new SmtpSettingsRecord { Host = "", Security = "", FromAddress = "" };
            db.SmtpSettings.Add(record);
        }

        record.Host = input.Host.Trim();
        record.Port = input.Port;
        record.Security = input.Security.ToString();
        record.UserName = string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim();
        record.FromAddress = input.FromAddress.Trim();
        if (input.ClearPassword || record.UserName is null) record.ProtectedPassword = null;
        else if (!string.IsNullOrEmpty(input.Password)) record.ProtectedPassword = _protector.Protect(input.Password);
        record.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>The settings with the password in clear, for connecting only.</summary>
    internal async Task<SmtpConnection?> ConnectionAsync(CancellationToken cancellationToken = default)
    {
        var record = await ReadAsync(cancellationToken);
        return record is null ? null : new SmtpConnection(ToSettings(record), Unprotect(record.ProtectedPassword));
    }

    /// <summary>The form's values, with the stored password when the form leaves it empty: to test before saving.</summary>
    internal async Task<SmtpConnection> ConnectionForAsync(SmtpSettingsInput input, CancellationToken cancellationToken = default)
    {
        var stored = await ReadAsync(cancellationToken);
        var password = input.ClearPassword ? null : !string.IsNullOrEmpty(input.Password) ? input.Password : Unprotect(stored?.ProtectedPassword);
        var settings = new SmtpSettings(input.Host.Trim(), input.Port, input.Security, string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim(),
            password is not null, input.FromAddress.Trim());
        return new SmtpConnection(settings, password);
    }

    private string? Unprotect(string? protectedPassword)
    {
        if (protectedPassword is null) return null;
        try
        {
            return _protector.Unprotect(protectedPassword);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The data-protection keys were lost or changed: the password must be entered again.
            return null;
        }
    }

    private async Task<SmtpSettingsRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SmtpSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == 1, cancellationToken);
    }

    private static SmtpSettings ToSettings(SmtpSettingsRecord r) => new(
        r.Host, r.Port, Enum.TryParse<SmtpSecurity>(r.Security, out var security) ? security : SmtpSecurity.None,
        r.UserName, r.ProtectedPassword is not null, r.FromAddress);
}

/// <summary>What a test mail came to: the server's answer ("2.0.0 OK ...") or the error.</summary>
public sealed record SmtpTestResult(bool Sent, string Answer);

/// <summary>Settings plus the clear password; <see cref="ToString"/> leaves the password out, so a log line cannot leak it.</summary>
internal sealed record SmtpConnection(SmtpSettings Settings, string? Password)
{
    public override string ToString() => $"{Settings.Host}:{Settings.Port} ({Settings.Security}, user {Settings.UserName ?? "none"})";
}

/// <summary>Sends mail with MailKit and reports the server's answer.</summary>
public sealed class SmtpMailer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    internal async Task<string> SendAsync(SmtpConnection connection, IReadOnlyList<string> to, string subject, string text, string html, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(connection.Settings.FromAddress));
        foreach (var address in to) message.To.Add(MailboxAddress.Parse(address));
        message.Subject = subject;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        var security = connection.Settings.Security switch
        {
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(connection.Settings.Host, connection.Settings.Port, security, cancellationToken);
        if (connection.Settings.UserName is { } user)
        {
            await client.AuthenticateAsync(user, connection.Password ?? "", cancellationToken);
        }

        var response = await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return response;
    }

    /// <summary>
    /// Sends a test mail with the form's settings (the stored password when the form leaves it empty) and returns the
    /// server's answer, or what went wrong.
    /// </summary>
    public async Task<SmtpTestResult> SendTestAsync(SmtpSettingsStore store, SmtpSettingsInput input, string to, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate().ToList();
        if (string.IsNullOrWhiteSpace(to) || !AlertSettings.IsMailAddress(to)) errors.Add($"to: '{to}' is not an email address.");
        if (errors.Count > 0) return new SmtpTestResult(false, string.Join(" ", errors));
        var connection = await store.ConnectionForAsync(input, cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var answer = await SendAsync(connection, [to.Trim()], "[Shopping Connectivity] Test email",
                $"This is a test email from Shopping Connectivity central, sent through {connection}.\nAlert mail will arrive like this one.\n",
                $"<p>This is a test email from Shopping Connectivity central, sent through {System.Net.WebUtility.HtmlEncode(connection.ToString())}.</p><p>Alert mail will arrive like this one.</p>",
                timeout.Token);
            return new SmtpTestResult(true, answer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SmtpTestResult(false, Describe(ex));
        }
    }

    /// <summary>The error in words for the page and the outbox: the SMTP status when the server answered, else the network error.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException c => $"the server answered {(int)c.StatusCode} {c.StatusCode}: {c.Message}",
        SmtpProtocolException p => $"SMTP protocol error: {p.Message}",
        AuthenticationException a => $"login refused: {a.Message}",
        System.Net.Sockets.SocketException s => $"cannot connect: {s.Message}",
        SslHandshakeException h => $"TLS handshake failed: {h.Message.Split('\n')[0]}",
        OperationCanceledException or TimeoutException => $"no answer within {Timeout.TotalSeconds:0} s",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
