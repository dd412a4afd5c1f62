using System.Globalization;
using System.Text.RegularExpressions;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests.Deploy;

/// <summary>The shipped unit file, read by systemd's own parser (systemd-analyze, Debian package systemd).</summary>
public sealed partial class SystemdUnitTests : IDisposable
{
    private const string UnitName = "shopping-connectivity-agent.service";
    private readonly string _directory = Directory.CreateTempSubdirectory("sc-unit-").FullName;

    /// <summary>Runs systemd-analyze to its end (a minute at most); its exit code and everything it printed.</summary>
    private static (int ExitCode, string Output) Run(params string[] command)
    {
        var result = Commands.Run(command, timeout: TimeSpan.FromMinutes(1));
        return (result.ExitCode, result.Printed);
    }

    private static string UnitPath => Path.Combine(Repository.Root(), "src", "ShoppingConnectivity.Agent", "deploy", UnitName);

    [Fact]
    public void Unit_VerifiedBySystemd_HasNoProblems()
    {
        var (exitCode, output) = Run("systemd-analyze", "verify", InstalledCopy());

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"systemd-analyze verify exited {exitCode}:\n{output}");
    }

    [Fact]
    public void Unit_SecurityExposure_IsAtMostTwo()
    {
        var (exitCode, output) = Run("systemd-analyze", "security", "--offline=yes", "--no-pager", InstalledCopy());

        Assert.True(exitCode == 0, $"systemd-analyze security exited {exitCode}:\n{output}");
        var match = ExposureLine().Match(output);
        Assert.True(match.Success, "No overall exposure level in:\n" + output);
        var exposure = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(exposure <= 2.0, $"Exposure {exposure} (0 safest, 10 unsafe) is above 2.0:\n{output}");
    }

    [Fact]
    public void Unit_Settings_NotifyRestartStateDirectoryAndDedicatedUser()
    {
        var settings = File.ReadAllLines(UnitPath)
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToLookup(p => p[0].Trim(), p => p[1].Trim());

        Assert.Equal("notify", Assert.Single(settings["Type"]));
        Assert.Equal("on-failure", Assert.Single(settings["Restart"]));
        var state = Assert.Single(settings["StateDirectory"]);
        // The token must land in the directory systemd creates and keeps for the service.
        Assert.Contains($"Agent__DataDirectory=%S/{state}", settings["Environment"]);
        Assert.StartsWith("/etc/", Assert.Single(settings["EnvironmentFile"]), StringComparison.Ordinal);
        Assert.NotEqual("root", Assert.Single(settings["User"]));
        Assert.Equal("yes", Assert.Single(settings["NoNewPrivileges"]));
        Assert.Equal("strict", Assert.Single(settings["ProtectSystem"]));
    }

    /// <summary>The unit as installed: ExecStart pointing at a real agent executable (here: the build's apphost).</summary>
    private string InstalledCopy()
    {
        var executable = Path.Combine(AgentProgram.BuildOutput(), "ShoppingConnectivity.Agent");
        Assert.True(File.Exists(executable), $"No agent executable at {executable}.");
        var text = ExecStartLine().Replace(File.ReadAllText(UnitPath), "ExecStart=" + executable);
        var copy = Path.Combine(_directory, UnitName);
        File.WriteAllText(copy, text);
        return copy;
    }

    [GeneratedRegex(@"^ExecStart=.*$", RegexOptions.Multiline)]
    private static partial Regex ExecStartLine();

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+(?:\.\d+)?)")]
    private static partial Regex ExposureLine();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
