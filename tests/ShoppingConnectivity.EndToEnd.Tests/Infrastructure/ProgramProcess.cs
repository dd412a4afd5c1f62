using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>One of the real programs (central or agent) started from its build output, killed with its tree on dispose.</summary>
public sealed class ProgramProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ProgramProcess(Process process) => _process = process;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="prefix">A command the program runs under, e.g. <c>ip netns exec NAME</c> to run it inside a network namespace.</param>
    public static ProgramProcess Start(string project, IEnumerable<string> args, IDictionary<string, string> environment, IReadOnlyList<string>? prefix = null)
    {
        var directory = BuildOutputOf(project);
        IEnumerable<string> command = [Path.Combine(directory, project + ".dll"), .. args];
        if (prefix is { Count: > 0 }) return StartFile(prefix[0], directory, [.. prefix.Skip(1), "dotnet", .. command], environment);
        return StartFile("dotnet", directory, command, environment);
    }

    /// <summary>Any executable, e.g. a published single-file agent.</summary>
    public static ProgramProcess StartFile(string file, string workingDirectory, IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var wrapper = new ProgramProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.Append(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>src/{project}/bin/{configuration}/net10.0, the configuration being the one these tests were built in.</summary>
    public static string BuildOutputOf(string project)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = RepositoryRoot();
        var directory = Path.Combine(root, "src", project, "bin", configuration, framework);
        if (!File.Exists(Path.Combine(directory, project + ".dll")))
            throw new FileNotFoundException($"Build output of {project} not found in {directory}; build the solution first.");
        return directory;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShoppingConnectivity.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("ShoppingConnectivity.sln not found above the test output.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>SIGKILL, as a crash or a power cut leaves the program: no shutdown code runs.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.WaitForExit(10_000);
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
