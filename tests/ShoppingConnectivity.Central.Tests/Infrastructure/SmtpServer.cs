using MimeKit;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd with its Mailbox handler, which writes every message it
/// accepts into a maildir. Can be stopped and started again on the same port (an SMTP outage).
/// </summary>
public sealed class SmtpServer : IDisposable
{
    /// <summary>Debian's python (python3-aiosmtpd is installed for it, not for another python on the PATH).</summary>
    public const string Python = "/usr/bin/python3";

    private TestProcess? _process;
    private string _stoppedOutput = "";

    public SmtpServer()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sc-smtp-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Port = LoopbackPorts.Free();
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The handler creates the maildir (tmp, new, cur) only when the folder does not exist yet.</summary>
    public string Maildir => Path.Combine(Directory, "maildir");

    /// <summary>What the server wrote, across stops and restarts.</summary>
    public string Output => _stoppedOutput + _process?.Output;

    public static SmtpServer Start()
    {
        var server = new SmtpServer();
        server.Restart();
        return server;
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public void Restart()
    {
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing: run tests/install-prerequisites.sh (python3-aiosmtpd).");
        _process = TestProcess.Start("aiosmtpd", Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir]);
        _process.WaitUntil(() => LoopbackPorts.Accepts(Port), $"listening on {Port}", TimeSpan.FromSeconds(15));
    }

    /// <summary>Stops the server: connections are refused until <see cref="Restart"/>.</summary>
    public void Stop()
    {
        if (_process is null) return;
        _stoppedOutput += _process.Output;
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!System.IO.Directory.Exists(folder)) return [];
        return new DirectoryInfo(folder).GetFiles()
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f.FullName))
            .ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; fails with the server's output otherwise.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout, Func<string>? context = null)
    {
        await Eventually.AssertAsync(() => Messages().Count >= count, timeout,
            () => $"{Messages().Count} of {count} message(s) arrived.\naiosmtpd:\n{Output}\n{context?.Invoke()}");
        return Messages();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
