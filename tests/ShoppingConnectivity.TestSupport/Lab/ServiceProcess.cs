using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.TestSupport.Lab;

/// <summary>
/// A real server (slapd, dovecot, smbd...) started in the foreground at a <see cref="Place"/>, ready once it listens
/// on its ports (checked with <c>ss</c> at the same place, so it works inside a namespace too).
/// </summary>
public static class ServiceProcess
{
    /// <summary>Starts <paramref name="command"/> and waits until something listens on each of <paramref name="ports"/> at <paramref name="place"/>.</summary>
    public static TestProcess Start(string name, Place place, IReadOnlyList<string> command, IReadOnlyList<int> ports,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var process = TestProcess.Start(name, command[0], command.Skip(1), environment, workingDirectory, redirectInput: true);
        process.WaitUntil(() => ports.All(port => IsListening(place, port)), $"listening on {string.Join(", ", ports)}", TimeSpan.FromSeconds(15));
        return process;
    }

    public static bool IsListening(Place place, int port)
    {
        var result = Commands.Run(place.Command("ss", "-Hltn", $"sport = :{port}"));
        return result.ExitCode == 0 && result.Output.Trim().Length > 0;
    }
}
