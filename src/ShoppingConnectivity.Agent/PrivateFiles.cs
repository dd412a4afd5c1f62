namespace ShoppingConnectivity.Agent;

/// <summary>
/// The data folder holds the agent's token (its identity towards central), its plan and its waiting results: the
/// agent's account's only, whatever the umask (under 022 the folder would be 0755 and the files 0644, the token
/// readable by every local user). On Windows the folder's ACLs decide (README, "Windows service").
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder and its missing parents 0700; one that exists keeps its mode (the service manager's, or the administrator's).</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            // One level at a time: CreateDirectory gives the mode to the last folder only, the parents get the umask's.
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent) CreateFolder(parent);
            Directory.CreateDirectory(path, OwnerOnly | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Opens a file that is 0600 from the moment it exists: no window in which another user could open it.</summary>
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        return new FileStream(path, options);
    }

    /// <summary>Replaces the file with <paramref name="text"/> at once (a temporary file renamed over it), in a private folder.</summary>
    public static void WriteAllText(string path, string text)
    {
        CreateFolder(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.Delete(temp); // one left by a crash would keep its mode
        using (var writer = new StreamWriter(Open(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096)))
        {
            writer.Write(text);
        }

        File.Move(temp, path, overwrite: true);
    }
}
