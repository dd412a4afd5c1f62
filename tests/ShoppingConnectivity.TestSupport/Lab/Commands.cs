using System.Diagnostics;

namespace ShoppingConnectivity.TestSupport.Lab;

/// <summary>Runs short commands (ip, nft, ss, openssl, pg_ctl) to completion and fails with their output when they fail.</summary>
public static class Commands
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Everything the command printed, standard output then standard error.</summary>
        public string Printed => Output + Error;
    }

    public static Result Run(IReadOnlyList<string> command, string? input = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', command)}' did not finish in time.");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs <paramref name="command"/> and throws naming it, its exit code and its stderr when it fails.</summary>
    public static string Check(IReadOnlyList<string> command, string? input = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var result = Run(command, input, timeout, workingDirectory);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"'{string.Join(' ', command)}' exited with {result.ExitCode}: {result.Error.Trim()} {result.Output.Trim()}");
        return result.Output;
    }

    /// <summary>Tests that need root (namespaces, nftables, ports below 1024) fail with this instead of a riddle.</summary>
    public static void RequireRoot(string why)
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException($"This test needs root: {why}. Run the tests as root (CI does).");
    }
}
