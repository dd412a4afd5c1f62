using System.Globalization;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>
/// The TCP ports a Windows host's RPC runtime gives dynamic endpoints (WMI/DCOM, after the endpoint mapper on 135),
/// written "low-high" as the estate file and the firewall exports show it.
/// </summary>
public readonly record struct RpcPortRange(int Low, int High)
{
    /// <summary>Windows Server 2008 and later (IANA's dynamic ports); Windows 2003 and older used 1025-5000.</summary>
    public static RpcPortRange WindowsDefault { get; } = new(49152, 65535);

    /// <summary>
    /// The lowest port Windows takes for its dynamic range (netsh "set dynamicport": start 1025 or above; RPC's
    /// restricted "Internet\Ports" are above 1024 too). No minimum width: a restricted server may use 100 ports or fewer.
    /// </summary>
    public const int MinLow = 1025;

    public const int MaxHigh = 65535;

    /// <summary>What a rejected range must be, for error messages.</summary>
    public const string Rule = "low-high with 1025 <= low <= high <= 65535; Windows' default is 49152-65535";

    /// <summary>Reads "low-high" (spaces around the numbers allowed); false when it is not two whole numbers around a dash. Bounds: <see cref="IsValid"/>.</summary>
    public static bool TryParse(string? text, out RpcPortRange range)
    {
        range = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (text is null || dash < 0) return false;
        if (!int.TryParse(text.AsSpan(0, dash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(text.AsSpan(dash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var high))
            return false;
        range = new RpcPortRange(low, high);
        return true;
    }

    /// <summary>Whether Windows could use it: both ends in bounds, low not above high.</summary>
    public bool IsValid => Low is >= MinLow and <= MaxHigh && High is >= MinLow and <= MaxHigh && Low <= High;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Low}-{High}");
}
