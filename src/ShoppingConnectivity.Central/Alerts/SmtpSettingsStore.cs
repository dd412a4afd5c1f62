using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// Keeps the SMTP settings in the database. The password is protected with ASP.NET Data Protection (keys beside the
/// SQLite file, or in the PostgreSQL database: Security/DataProtectionExtensions) and leaves this class only towards the
/// SMTP server, never towards a page or a log. When the server is set in configuration (<see cref="SmtpOptions"/>) that
/// wins: the page shows it read-only and a save is refused, so what runs is what the configuration in git says.
/// </summary>
public sealed class SmtpSettingsStore(
    IDbContextFactory<CentralDbContext> dbFactory,
    IDataProtectionProvider protection,
    IOptions<SmtpOptions> configured,
    IConfiguration configuration,
    TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("ShoppingConnectivity.Central.Alerts.SmtpPassword");

    /// <summary>The SMTP server is set in configuration: read-only here.</summary>
    public bool FromSettings => configured.Value.IsSet;

    /// <summary>Each configured SMTP setting with where it comes from (the password's source only, never its value).</summary>
    public IReadOnlyList<ConfiguredSetting> Sources() =>
        SmtpOptions.Keys
            .Select(key => $"{SmtpOptions.Section}:{key}")
            .Select(key => key.EndsWith(":Password", StringComparison.Ordinal)
                ? SettingSources.DescribeSecret(configuration, key) is { } secret ? new ConfiguredSetting(key, secret) : null
                : SettingSources.Describe(configuration, key) is { } source ? new ConfiguredSetting(key, source) : null)
            .OfType<ConfiguredSetting>()
            .ToList();

    public async Task<SmtpSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (FromSettings) return Configured().Settings;
        var record = await ReadAsync(cancellationToken);
        return record is null ? null : ToSettings(record);
    }

    /// <summary>Saves valid settings; returns the problems otherwise (nothing saved).</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(SmtpSettingsInput input, CancellationToken cancellationToken = default)
    {
        if (FromSettings)
            return [$"The SMTP server is set in the configuration ({SmtpOptions.Section}): change it there and restart central."];
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
        if (FromSettings) return Configured();
        var record = await ReadAsync(cancellationToken);
        return record is null ? null : new SmtpConnection(ToSettings(record), Unprotect(record.ProtectedPassword));
    }

    /// <summary>The form's values, with the stored password when the form leaves it empty: to test before saving.</summary>
    internal async Task<SmtpConnection> ConnectionForAsync(SmtpSettingsInput input, CancellationToken cancellationToken = default)
    {
        // The page cannot change configured settings, so a test uses them as they are.
        if (FromSettings) return Configured();
        var stored = await ReadAsync(cancellationToken);
        var password = input.ClearPassword ? null : !string.IsNullOrEmpty(input.Password) ? input.Password : Unprotect(stored?.ProtectedPassword);
        var settings = new SmtpSettings(input.Host.Trim(), input.Port, input.Security, string.IsNullOrWhiteSpace(input.UserName) ? null : input.UserName.Trim(),
            password is not null, input.FromAddress.Trim());
        return new SmtpConnection(settings, password);
    }

    private SmtpConnection Configured()
    {
        var o = configured.Value;
        var user = string.IsNullOrWhiteSpace(o.UserName) ? null : o.UserName.Trim();
        return new SmtpConnection(new SmtpSettings(o.Host!.Trim(), o.Port, o.Security, user, o.Password is not null, (o.FromAddress ?? "").Trim()), o.Password);
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
