using System.Globalization;
using ShoppingConnectivity.Central.Components;

namespace ShoppingConnectivity.Central.ApiTokens.Pages;

/// <summary>The API tokens page's list and its form for a new token; the new token, shown once.</summary>
public sealed class ApiTokensPageModel
{
    /// <summary>The expiry choices: days ahead, or <see cref="OnDate"/>.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> ExpiryChoices =
        [("30", "30 days"), ("90", "90 days"), ("365", "365 days"), (OnDate, "On a date")];

    public const string OnDate = "date";

    public IReadOnlyList<ApiTokenView> Tokens { get; set; } = [];

    public string? Name { get; set; }

    public string Role { get; set; } = CentralRoles.Viewer;

    public string Expiry { get; set; } = "90";

    /// <summary>The date (yyyy-MM-dd) when <see cref="Expiry"/> is <see cref="OnDate"/>: the token works through that day (UTC).</summary>
    public string? Date { get; set; }

    public string? NameError { get; private set; }

    public string? RoleError { get; private set; }

    public string? ExpiryError { get; private set; }

    /// <summary>The token just made: on this page only, until it is left; central cannot show it again.</summary>
    public string? Secret { get; private set; }

    public string? SecretName { get; private set; }

    public bool ShowsDate => Expiry == OnDate;

    /// <summary>Starts a create: the last token shown goes, and so do the last errors.</summary>
    public void StartCreate()
    {
        Secret = SecretName = null;
        NameError = RoleError = ExpiryError = null;
    }

    /// <summary>When the new token expires; null (the store says why) when no date was chosen or it cannot be read.</summary>
    public DateTimeOffset? ExpiresAt(DateTimeOffset now)
    {
        if (Expiry != OnDate) return int.TryParse(Expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? now.AddDays(days) : null;
        return DateOnly.TryParseExact(Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
    }

    /// <summary>The store's answer: the token to show and an empty form, or each error on its field.</summary>
    public void Created(ApiTokenView? token, string? secret, IReadOnlyList<string> errors)
    {
        if (token is null)
        {
            NameError = FieldError(errors, "name");
            RoleError = FieldError(errors, "role");
            ExpiryError = FieldError(errors, "expiresAt");
            return;
        }

        (Secret, SecretName, Name, Role, Expiry, Date) = (secret, token.Name, null, CentralRoles.Viewer, "90", null);
    }

    public static string StatusText(ApiTokenView token, DisplayZone zone) => token.Status switch
    {
        ApiTokenStatus.Active => "Active",
        ApiTokenStatus.Expired => "Expired",
        _ => $"Revoked {Formats.Minute(token.RevokedAt!.Value, zone)}" + (token.RevokedBy is { } by ? $" by {by}" : ""),
    };

    /// <summary>"name: give the token a name" is the name field's "give the token a name".</summary>
    private static string? FieldError(IReadOnlyList<string> errors, string field) =>
        errors.FirstOrDefault(e => e.StartsWith(field + ":", StringComparison.Ordinal))?[(field.Length + 2)..];
}
