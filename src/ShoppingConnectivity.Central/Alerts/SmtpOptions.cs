namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// The SMTP server as configuration ("Central:Alerts:Smtp"), for installs kept as code. Set <see cref="Host"/> and the
/// SMTP page shows these read-only; unset, the server is set on that page and kept in the database. The password is a
/// secret: environment variable Central__Alerts__Smtp__Password or <see cref="PasswordFile"/>, never a settings file.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Central:Alerts:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    public string? UserName { get; set; }

    /// <summary>Filled from the environment variable or <see cref="PasswordFile"/> at start (see SettingSources).</summary>
    public string? Password { get; set; }

    public string? PasswordFile { get; set; }

    public string? FromAddress { get; set; }

    /// <summary>The SMTP server comes from configuration, not from the page.</summary>
    public bool IsSet => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The keys the SMTP page lists with their sources.</summary>
    public static readonly IReadOnlyList<string> Keys =
        [nameof(Host), nameof(Port), nameof(Security), nameof(UserName), nameof(Password), nameof(FromAddress)];

    public SmtpSettingsInput ToInput() => new(Host ?? "", Port, Security, UserName, Password, ClearPassword: false, FromAddress ?? "");
}
