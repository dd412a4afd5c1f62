using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The SMTP settings as shown: never the password, only whether one is stored.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? UserName, bool HasPassword, string FromAddress);
