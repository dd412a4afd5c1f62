using System.Diagnostics;
using System.Text;

namespace ShoppingConnectivity.Agent.Tests.Hosting;

/// <summary>Runs the tools the hosting tests check the agent with (kill, systemd-analyze).</summary>
internal static class AgentBuild
{
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
