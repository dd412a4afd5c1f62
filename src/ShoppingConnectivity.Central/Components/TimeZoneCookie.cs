namespace ShoppingConnectivity.Central.Components;

/// <summary>The cookie in which assets/time-zone.js leaves the browser's IANA zone ("Europe/London") for the server.</summary>
public static class TimeZoneCookie
{
    public const string Name = "sc-browser-zone";
}
