namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// Light or dark for this circuit (scoped): the reader's choice, kept per browser in a cookie (<see cref="ThemeCookie"/>),
/// following the system's preference unless they chose one. The app's root sets it before any page renders; the layout
/// draws MudBlazor's theme from <see cref="IsDark"/> and re-renders on <see cref="Changed"/>.
/// </summary>
public sealed class UserTheme
{
    public const string System = "system";
    public const string Light = "light";
    public const string Dark = "dark";

    public static IReadOnlyList<string> Choices { get; } = [System, Light, Dark];

    /// <summary><see cref="System"/>, <see cref="Light"/> or <see cref="Dark"/>.</summary>
    public string Choice { get; private set; } = System;

    /// <summary>Whether the system prefers dark; null while unknown (the very first page: drawn light).</summary>
    public bool? SystemDark { get; private set; }

    public bool IsDark => Choice == Dark || (Choice == System && SystemDark == true);

    /// <summary>Raised when <see cref="IsDark"/> or <see cref="Choice"/> changes.</summary>
    public event Action? Changed;

    /// <summary>From the cookies: anything else than a choice follows the system; a scheme other than "dark" or "light" is unknown.</summary>
    public void Use(string? choice, string? systemScheme)
    {
        Choice = Choices.Contains(choice) ? choice! : System;
        SystemDark = systemScheme switch { Dark => true, Light => false, _ => null };
    }

    /// <summary>The reader chose; an unknown word is refused (false) and changes nothing.</summary>
    public bool Choose(string choice)
    {
        if (!Choices.Contains(choice)) return false;
        if (choice == Choice) return true;
        Choice = choice;
        Changed?.Invoke();
        return true;
    }

    /// <summary>The browser said what the system prefers (at start and whenever it changes).</summary>
    public void SystemIs(bool dark)
    {
        if (SystemDark == dark) return;
        var before = IsDark;
        SystemDark = dark;
        if (before != IsDark || Choice == System) Changed?.Invoke();
    }
}
