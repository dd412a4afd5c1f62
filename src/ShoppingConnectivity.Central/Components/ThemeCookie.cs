namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// The cookies of the light or dark look, per browser: the reader's choice (assets/theme.js writes it when the app bar's
/// theme menu is used) and the system's own preference (the same script, before the page starts), so the server draws
/// the page in the right one from its first paint.
/// </summary>
public static class ThemeCookie
{
    /// <summary>"system", "light" or "dark" (<see cref="UserTheme"/>).</summary>
    public const string Choice = "sc-theme";

    /// <summary>"dark" or "light": the browser's prefers-color-scheme when the page last loaded.</summary>
    public const string SystemScheme = "sc-system-scheme";
}
