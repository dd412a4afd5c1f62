using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd with its Mailbox handler, which writes every message it
/// accepts into a maildir. Can be stopped and started again on the same port (an SMTP outage).
/// </summary>
public sealed class SmtpServer : IDisposable
{
    /// <summary>Debian's python (python3-aiosmtpd is installed for it, not for another python on the PATH).</summary>
    public const string Python = "/usr/bin/python3";

    private readonly StringBuilder _output = new();
    private Process? _process;

    public SmtpServer()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sc-smtp-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Port = FreePort();
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The handler creates the maildir (tmp, new, cur) only when the folder does not exist yet.</summary>
    public string Maildir => Path.Combine(Directory, "maildir");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

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
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir }) info.ArgumentList.Add(arg);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"aiosmtpd exited at start (code {_process.ExitCode}):\n{Output}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on {Port} within 15 s:\n{Output}");
    }

    /// <summary>Stops the server: connections are refused until <see cref="Restart"/>.</summary>
    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

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
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count) return messages;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{messages.Count} of {count} message(s) arrived within {timeout}.\naiosmtpd:\n{Output}\n{context?.Invoke()}");
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
