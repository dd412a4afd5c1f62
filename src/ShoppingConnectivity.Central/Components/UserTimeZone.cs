namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// The zone this page's reader chose, for the circuit (scoped). The app's root sets it once from the reader's stored
/// choice and their browser's zone before any page renders; a new choice reloads the page rather than changing it here.
/// </summary>
public sealed class UserTimeZone
{
    public DisplayZone Zone { get; private set; } = DisplayZone.UtcZone;

    /// <summary>The browser's zone as it said (null before it did): what "browser" means for this reader.</summary>
    public string? BrowserZone { get; private set; }

    public void Use(string? choice, string? browserZone)
    {
        BrowserZone = DisplayZone.Find(browserZone) is null ? null : browserZone;
        Zone = DisplayZone.Of(choice, BrowserZone);
    }
}
