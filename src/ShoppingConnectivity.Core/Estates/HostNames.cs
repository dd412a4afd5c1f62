namespace ShoppingConnectivity.Core.Estates;

/// <summary>
/// Host names as DNS has them (RFC 1123): dot-separated labels of 1-63 letters, digits and hyphens, no label starting
/// or ending with a hyphen, at most 253 characters. Compared without regard to case, as DNS does.
/// </summary>
public static class HostNames
{
    public const int MaxLength = 253;

    public const int MaxLabelLength = 63;

    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>What a rejected name must be, for error messages.</summary>
    public const string Rule = "letters, digits and '-' in labels of at most 63 characters separated by single dots, no label starting or ending with '-', at most 253 characters";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength) return false;
        var labelStart = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != '.')
            {
                if (!char.IsAsciiLetterOrDigit(name[i]) && name[i] != '-') return false;
                continue;
            }

            // A label ends here: "." and ".." and "a..b" have empty ones.
            var length = i - labelStart;
            if (length is 0 or > MaxLabelLength || name[labelStart] == '-' || name[i - 1] == '-') return false;
            labelStart = i + 1;
        }

        return true;
    }

    /// <summary>The one spelling central keys a host's agent by: host names differ only by case for people.</summary>
    public static string Key(string name) => name.ToLowerInvariant();
}
