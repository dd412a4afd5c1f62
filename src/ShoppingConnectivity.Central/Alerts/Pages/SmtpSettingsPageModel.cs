namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>
/// The SMTP page's form and state. The password is write-only: the stored one is never shown, and one typed is taken
/// out of the form as the save starts.
/// </summary>
public sealed class SmtpSettingsPageModel
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool ClearPassword { get; set; }

    public string FromAddress { get; set; } = "";

    /// <summary>The settings in force; null: none yet.</summary>
    public SmtpSettings? Stored { get; private set; }

    /// <summary>The settings were read (a page before that says nothing about them).</summary>
    public bool Loaded { get; private set; }

    /// <summary>A save or a test mail is under way.</summary>
    public bool Busy { get; set; }

    /// <summary>Why the last save was refused, each naming its field.</summary>
    public IReadOnlyList<string> SaveErrors { get; set; } = [];

    public bool Saved { get; private set; }

    public string TestTo { get; set; } = "";

    public SmtpTestResult? Test { get; set; }

    /// <summary>Alert mail not sent yet, oldest first (waiting for the server, held, or without recipients).</summary>
    public IReadOnlyList<UndeliveredMail> Undelivered { get; set; } = [];

    /// <summary>What "send again" did last.</summary>
    public string? Resent { get; set; }

    /// <summary>The undelivered mails only a person can get out: "send again" queues these.</summary>
    public IReadOnlyList<long> ToSendAgain => Undelivered.Where(m => m.NeedsPerson).Select(m => m.MessageId).ToList();

    /// <summary>"Waiting for the server", "Held: the login was refused", "No recipients".</summary>
    public static string StatusText(UndeliveredMail mail) => mail.Status switch
    {
        AlertMessageRecord.Pending => "Waiting for the server",
        AlertMessageRecord.Held => "Held: needs the SMTP login fixed",
        AlertMessageRecord.NoRecipients => "No recipients",
        _ => mail.Status,
    };

    public bool HasPassword => Stored?.HasPassword == true;

    public string PasswordHelp => HasPassword ? "A password is stored. Leave empty to keep it." : "No password stored.";

    /// <summary>The stored settings into the form; the test mail goes to the first default recipient.</summary>
    public void Load(SmtpSettings? stored, IEnumerable<string> defaultRecipients)
    {
        Stored = stored;
        if (stored is not null)
        {
            (Host, Port, Security, UserName, FromAddress) = (stored.Host, stored.Port, stored.Security, stored.UserName, stored.FromAddress);
        }

        TestTo = defaultRecipients.FirstOrDefault() ?? "";
        Loaded = true;
    }

    /// <summary>The SMTP server comes from configuration: the form is read-only and lists where each value comes from.</summary>
    public bool FromSettings { get; private set; }

    public IReadOnlyList<ConfiguredSetting> Sources { get; private set; } = [];

    public IReadOnlyList<RecipientRow> Recipients { get; private set; } = [];

    public void Configured(bool fromSettings, IReadOnlyList<ConfiguredSetting> sources, IReadOnlyList<RecipientRow> recipients)
    {
        FromSettings = fromSettings;
        Sources = sources;
        Recipients = recipients;
    }

    /// <summary>The form as the store takes it (saved or not: a test mail uses it as it is).</summary>
    public SmtpSettingsInput Input() => new(Host ?? "", Port, Security, UserName, Password, ClearPassword, FromAddress ?? "");

    /// <summary>
    /// The form for a save, its password out of the form before the first await: the page may render at any await.
    /// (A failed save asks for it again.)
    /// </summary>
    public SmtpSettingsInput StartSave()
    {
        Saved = false;
        var input = Input();
        Password = "";
        return input;
    }

    /// <summary>The save went through: the settings now in force.</summary>
    public void SavedAs(SmtpSettings? stored)
    {
        Stored = stored;
        ClearPassword = false;
        Saved = true;
    }

    /// <summary>What a save changed, for the audit log: never the password itself.</summary>
    public static string AuditDetail(SmtpSettingsInput input)
    {
        var password = input.ClearPassword ? "password removed" : string.IsNullOrEmpty(input.Password) ? "password unchanged" : "password changed";
        return $"security {input.Security}, user {(string.IsNullOrWhiteSpace(input.UserName) ? "none" : input.UserName)}, from {input.FromAddress}, {password}";
    }
}
