using System.Diagnostics;
using System.Text;

namespace ShoppingConnectivity.Agent.Tests.Hosting;

/// <summary>The agent's own build output (built with these tests) and helpers to run it as a real process.</summary>
internal static class AgentBuild
{
    /// <summary>src/ShoppingConnectivity.Agent/bin/{configuration}/{framework}, the configuration these tests were built in.</summary>
    public static string OutputDirectory
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var directory = Path.Combine(RepositoryRoot, "src", "ShoppingConnectivity.Agent", "bin", testOutput.Parent!.Name, testOutput.Name);
            if (!File.Exists(Path.Combine(directory, "ShoppingConnectivity.Agent.dll")))
                throw new FileNotFoundException($"Build output of the agent not found in {directory}; build the solution first.");
            return directory;
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ShoppingConnectivity.sln"))) return dir.FullName;
            }

            throw new DirectoryNotFoundException("ShoppingConnectivity.sln not found above the test output.");
        }
    }

    /// <summary>Runs a tool to its end; the exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 60 s:\n{output}");
        }

        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }
}
