namespace ShoppingConnectivity.Core.Agents;

/// <summary>
/// Whether a shared secret typed into settings (the bootstrap enrolment key) is long and varied enough not to be
/// guessed: at least <see cref="MinLength"/> characters of which at least <see cref="MinDistinct"/> differ. Words and
/// repeats fail ("development-only-enrolment-key" has 13 different characters in 30); the output of
/// <c>openssl rand -base64 32</c> or <c>-hex 32</c> passes.
/// </summary>
public static class KeyStrength
{
    public const int MinLength = 32;

    public const int MinDistinct = 14;

    public const string HowToMake = "make one with 'openssl rand -base64 32'";

    /// <summary>Null when strong enough, else what is wrong with it (never the key itself).</summary>
    public static string? Weakness(string key)
    {
        if (key.Length < MinLength) return $"is {key.Length} characters long; use at least {MinLength} random ones ({HowToMake}).";
        var distinct = key.Distinct().Count();
        if (distinct < MinDistinct) return $"has only {distinct} different characters; use at least {MinDistinct} ({HowToMake}).";
        return null;
    }
}
