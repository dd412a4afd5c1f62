using System.Diagnostics;
using System.Text;

namespace ShoppingConnectivity.TestSupport.Processes;

/// <summary>
/// A program a test starts and owns (a real server, central, an agent): its output kept (the newest 2 MB), ready once
/// a check says so, killed with all its children on dispose.
/// </summary>
public sealed class TestProcess : IDisposable
{
    private const int KeepOutputChars = 2_000_000;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TestProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the program wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <param name="name">What failures call it ("slapd", "central").</param>
    /// <param name="redirectInput">Keeps stdin open: some servers end when it closes.</param>
    public static TestProcess Start(string name, string file, IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? workingDirectory = null, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new TestProcess(name, process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// Waits until <paramref name="ready"/> holds (polling); fails, with the program's output, when it exits first or
    /// <paramref name="timeout"/> passes. A program that fails to get ready is killed.
    /// </summary>
    public void WaitUntil(Func<bool> ready, string what, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        try
        {
            while (!ready())
            {
                if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before {what}:\n{Output}");
                if (deadline.Elapsed > timeout) throw new TimeoutException($"{Name}: not {what} within {timeout.TotalSeconds:0} s:\n{Output}");
                Thread.Sleep(50);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL for the program and its children, as a crash or a power cut leaves them: no shutdown code runs.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>
    /// SIGTERM, as systemd, Docker or an upgrade script stops a service, then waits for the exit; returns how long the
    /// program took to end. A program still running after <paramref name="timeout"/> is killed and the call fails.
    /// </summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        if (_process.HasExited) return TimeSpan.Zero;
        if (Signals.Kill(_process.Id, Signals.SigTerm) != 0)
            throw new InvalidOperationException($"{Name}: SIGTERM to {_process.Id} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not end within {timeout.TotalSeconds:0} s of SIGTERM (killed):\n{Output}");
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// Freezes the program (SIGSTOP) for <paramref name="duration"/>, then lets it run on (SIGCONT), as a long GC pause,
    /// a VM's stolen CPU or swapping stall a server: its sockets stay open and the kernel still accepts connections,
    /// but nothing answers meanwhile.
    /// </summary>
    public async Task FreezeAsync(TimeSpan duration)
    {
        if (Signals.Kill(_process.Id, Signals.SigStop) != 0)
            throw new InvalidOperationException($"{Name}: SIGSTOP to {_process.Id} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            Signals.Kill(_process.Id, Signals.SigCont);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 2 * KeepOutputChars) _output.Remove(0, _output.Length - KeepOutputChars);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }
}
