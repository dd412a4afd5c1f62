using System.Diagnostics;
using System.Text;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>
/// A real server (slapd, dovecot, smbd...) started in the foreground at a <see cref="Place"/>, ready once it listens
/// on its port (checked with <c>ss</c> at the same place, so it works inside a namespace too), killed with all its
/// children on dispose.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts <paramref name="command"/> and waits until something listens on each of <paramref name="ports"/> at <paramref name="place"/>.</summary>
    public static ServiceProcess Start(string name, Place place, IReadOnlyList<string> command, IReadOnlyList<int> ports,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            service.WaitListening(place, ports);
        }
        catch
        {
            service.Dispose();
            throw;
        }

        return service;
    }

    private void WaitListening(Place place, IReadOnlyList<int> ports)
    {
        var deadline = Stopwatch.StartNew();
        var waiting = ports.ToList();
        while (waiting.Count > 0)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before listening on {string.Join(", ", waiting)}:\n{Output}");
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
                throw new TimeoutException($"{Name} did not listen on {string.Join(", ", waiting)} within 15 s:\n{Output}");

            waiting.RemoveAll(port => IsListening(place, port));
            if (waiting.Count > 0) Thread.Sleep(50);
        }
    }

    public static bool IsListening(Place place, int port)
    {
        var result = Commands.Run(place.Command("ss", "-Hltn", $"sport = :{port}"));
        return result.ExitCode == 0 && result.Output.Trim().Length > 0;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
