using System.Runtime.InteropServices;

namespace ShoppingConnectivity.TestSupport.Files;

/// <summary>
/// The process's umask set for a test and put back on dispose: 022, a common default, makes new folders 0755 and new
/// files 0644 unless the program asks otherwise, so a test under it shows whether secrets are left readable to every
/// local user on a machine set up that way. Tests holding it take turns (the umask is one per process).
/// </summary>
public sealed class Umask : IDisposable
{
    private static readonly SemaphoreSlim Turn = new(1, 1);
    private readonly int _previous;

    private Umask(int mask)
    {
        Turn.Wait();
        _previous = Set(mask);
    }

    /// <summary>Sets umask 022 until disposed.</summary>
    public static Umask Common() => new(0b_000_010_010); // 022: group and others lose write

    public void Dispose()
    {
        Set(_previous);
        Turn.Release();
    }

    // DllImport, not LibraryImport: the generated stub needs unsafe code, and umask(2) takes and returns a plain int.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern int Set(int mask);
}
