using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Alerts;

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

    /// <summary>
    /// The server refused the login, offers none while a user is set, or wants one while none is set: only a person
    /// can fix that (Settings, SMTP); the same attempt again would fail the same way.
    /// </summary>
    public static bool NeedsPerson(Exception ex) => ex is AuthenticationException or NotSupportedException
        || ex is SmtpCommandException { StatusCode: SmtpStatusCode.AuthenticationRequired or SmtpStatusCode.AuthenticationInvalidCredentials };

    /// <summary>The error in words for the page and the outbox: the SMTP status when the server answered, else the network error.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException c => $"the server answered {(int)c.StatusCode} {c.StatusCode}: {c.Message}",
        SmtpProtocolException p => $"SMTP protocol error: {p.Message}",
        AuthenticationException a => $"login refused: {a.Message}",
        NotSupportedException n => $"login impossible: {n.Message}",
        System.Net.Sockets.SocketException s => $"cannot connect: {s.Message}",
        SslHandshakeException h => $"TLS handshake failed: {h.Message.Split('\n')[0]}",
        OperationCanceledException or TimeoutException => $"no answer within {Timeout.TotalSeconds:0} s",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
