using ShoppingConnectivity.Central.Components;

namespace ShoppingConnectivity.Central.Agents.Pages;

/// <summary>The enrolment keys page's list and its form for a new key; the new key's secret, shown once.</summary>
public sealed class EnrolmentKeysPageModel
{
    public const int MaxDays = 3650;

    public IReadOnlyList<EnrolmentKeyView> Keys { get; set; } = [];

    public string? Name { get; set; }

    /// <summary>Days until the new key expires; null: never.</summary>
    public int? Days { get; set; }

    public string? NameError { get; private set; }

    public string? DaysError { get; private set; }

    /// <summary>The key just made: on this page only, until it is left.</summary>
    public string? Secret { get; private set; }

    public string? SecretName { get; private set; }

    /// <summary>Starts a create: the last secret goes; false (with the error on its field) when the days are out of range.</summary>
    public bool StartCreate()
    {
        Secret = null;
        NameError = DaysError = null;
        if (Days is not (< 1 or > MaxDays)) return true;
        DaysError = $"Between 1 and {MaxDays} days, or empty for never.";
        return false;
    }

    public DateTimeOffset? ExpiresAt(DateTimeOffset now) => Days is { } days ? now.AddDays(days) : null;

    /// <summary>The store's answer: the secret to show and an empty form, or each error on its field.</summary>
    public void Created(EnrolmentKeyView? key, string? secret, IReadOnlyList<string> errors)
    {
        if (key is null)
        {
            NameError = FieldError(errors, "name");
            DaysError = FieldError(errors, "expiresAt");
            return;
        }

        (Secret, SecretName, Name, Days) = (secret, key.Name, null, null);
    }

    public static string StatusText(EnrolmentKeyView key, DisplayZone zone) => key.Status switch
    {
        EnrolmentKeyStatus.Active => "Active",
        EnrolmentKeyStatus.Expired => "Expired",
        _ => $"Revoked {Formats.Minute(key.RevokedAt!.Value, zone)}",
    };

    /// <summary>"name: give the key a name" is the name field's "give the key a name".</summary>
    private static string? FieldError(IReadOnlyList<string> errors, string field) =>
        errors.FirstOrDefault(e => e.StartsWith(field + ":", StringComparison.Ordinal))?[(field.Length + 2)..];
}
