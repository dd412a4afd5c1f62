namespace ShoppingConnectivity.TestSupport.Files;

/// <summary>Unix modes written as the admin reads them (ls, chmod): "0600".</summary>
public static class FileModes
{
    public static string Of(string path) => OperatingSystem.IsWindows()
        ? throw new PlatformNotSupportedException("Unix modes only")
        : Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');

    /// <summary>chmod <paramref name="mode"/> <paramref name="path"/>.</summary>
    public static void Set(string path, string mode)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Unix modes only");
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
    }
}
