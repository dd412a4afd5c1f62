namespace ShoppingConnectivity.Central.Alerts;

/// <summary>What "send again" did: the mails queued again, and those still without anyone to send them to.</summary>
public sealed record MailResend(IReadOnlyList<long> Queued, IReadOnlyList<long> StillNoRecipients)
{
    /// <summary>"2 mail(s) queued again; 1 still has no recipients: set Central:Alerts:Recipients."</summary>
    public string Text => (Queued.Count, StillNoRecipients.Count) switch
    {
        (0, 0) => "Nothing to send again: those mails are already queued or sent.",
        (var q, 0) => $"{q} mail(s) queued again: they go out at the next delivery.",
        (0, var n) => $"{n} mail(s) still have no recipients: set {AlertOptions.Section}:Recipients (default, per flow or role) and restart central.",
        (var q, var n) => $"{q} mail(s) queued again; {n} still have no recipients: set {AlertOptions.Section}:Recipients.",
    };
}
