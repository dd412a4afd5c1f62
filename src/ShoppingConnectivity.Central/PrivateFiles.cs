namespace ShoppingConnectivity.Central;

/// <summary>
/// The data folder and the files holding secrets (the SQLite database, the key ring that decrypts the SMTP password)
/// are central's account's only, whatever the umask it started with: under 022 they would be 0755 and 0644, and every
/// local user could copy them. On Windows the folder's ACLs decide (README, "Secrets at rest").
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupAndOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Creates the data folder 0700. One that exists keeps its mode, with a warning when others may enter it: an
    /// administrator made it (a mount point, a folder a backup group lists) and its files are private anyway.
    /// </summary>
    public static void CreateDataFolder(string path, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            CreateWithParents(path);
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOthers) != 0)
        {
            logger.LogWarning("The data folder {Path} is open to other local users (mode {Mode}); the files central keeps in it are private, "
                + "but make the folder private too: chmod 700 {Path}", path, Octal(mode), path);
        }
    }

    /// <summary>Creates a folder of central's own 0700, or takes the group and other bits off one an earlier version made.</summary>
    public static void CreateOwnFolder(string path, ILogger logger)
    {
        if (!OperatingSystem.IsWindows() && !Directory.Exists(path)) CreateWithParents(path);
        else MakePrivate(path, logger);
    }

    /// <summary>Creates an empty file 0600 unless it exists: SQLite then opens it instead of creating it with the umask's mode.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path)) return;
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made by someone else meanwhile: MakePrivate follows.
        }
    }

    /// <summary>Takes the group and other bits off a file or folder of central's (made by an earlier version, or by hand).</summary>
    public static void MakePrivate(string path, ILogger logger)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path)) return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOthers) == 0) return;
        File.SetUnixFileMode(path, mode & ~GroupAndOthers);
        logger.LogWarning("{Path} was open to other local users (mode {Mode}); made it {Private}.", path, Octal(mode), Octal(mode & ~GroupAndOthers));
    }

    /// <summary>Each missing folder 0700: CreateDirectory gives the mode to the last one only, the parents get the umask's.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateWithParents(string path)
    {
        if (Directory.Exists(path)) return;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent) CreateWithParents(parent);
        Directory.CreateDirectory(path, OwnerFolder);
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
