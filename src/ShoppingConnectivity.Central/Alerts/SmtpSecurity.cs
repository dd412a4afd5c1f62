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
