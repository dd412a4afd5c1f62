namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// Browsers name zones by CLDR's ids, which kept some names IANA has since renamed (Chromium says "Asia/Calcutta" in
/// Kolkata); people read the current names, so a zone is always shown and stored by its IANA name.
/// </summary>
internal static class ZoneAliases
{
    private static readonly Dictionary<string, string> Current = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Africa/Asmera"] = "Africa/Asmara",
        ["America/Buenos_Aires"] = "America/Argentina/Buenos_Aires",
        ["America/Catamarca"] = "America/Argentina/Catamarca",
        ["America/Cordoba"] = "America/Argentina/Cordoba",
        ["America/Godthab"] = "America/Nuuk",
        ["America/Indianapolis"] = "America/Indiana/Indianapolis",
        ["America/Jujuy"] = "America/Argentina/Jujuy",
        ["America/Louisville"] = "America/Kentucky/Louisville",
        ["America/Mendoza"] = "America/Argentina/Mendoza",
        ["Asia/Calcutta"] = "Asia/Kolkata",
        ["Asia/Katmandu"] = "Asia/Kathmandu",
        ["Asia/Rangoon"] = "Asia/Yangon",
        ["Asia/Saigon"] = "Asia/Ho_Chi_Minh",
        ["Atlantic/Faeroe"] = "Atlantic/Faroe",
        ["Europe/Kiev"] = "Europe/Kyiv",
        ["Pacific/Enderbury"] = "Pacific/Kanton",
        ["Pacific/Ponape"] = "Pacific/Pohnpei",
        ["Pacific/Truk"] = "Pacific/Chuuk",
    };

    /// <summary>The current IANA name of <paramref name="id"/> (itself when it is current or unknown here).</summary>
    public static string CurrentName(string id) => Current.TryGetValue(id, out var name) ? name : id;
}
