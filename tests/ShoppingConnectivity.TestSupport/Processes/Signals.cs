using System.Runtime.InteropServices;

namespace ShoppingConnectivity.TestSupport.Processes;

/// <summary>POSIX signals to a process: .NET can only kill (SIGKILL) one, and a service is stopped with SIGTERM.</summary>
internal static class Signals
{
    public const int SigTerm = 15;

    /// <summary>Linux's numbers: SIGSTOP freezes a process (it cannot be caught), SIGCONT lets it run on.</summary>
    public const int SigStop = 19;
    public const int SigCont = 18;

    // DllImport, not LibraryImport: the generated stub needs unsafe code, and kill(2) takes and returns plain ints.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}
