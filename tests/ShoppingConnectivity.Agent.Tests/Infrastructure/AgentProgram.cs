using System.Text.Json;
using ShoppingConnectivity.TestSupport.Lab;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>The real agent program from its build output, run at a <see cref="Place"/> (in the lab: inside the agent namespace).</summary>
public static class AgentProgram
{
    public sealed record Run(int ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;

        /// <summary>The preflight result rows, by "flowId port".</summary>
        public IReadOnlyDictionary<string, JsonElement> Results => Json.GetProperty("results").EnumerateArray()
            .ToDictionary(r => $"{r.GetProperty("flowId").GetString()} {r.GetProperty("port").GetInt32()}");

        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    /// <summary>
    /// Runs `preflight --estate FILE --host NAME --format json` with the given extra arguments: by default the build
    /// output on the test's runtime, or <paramref name="executable"/> (e.g. <see cref="NativeAgent.Executable"/>).
    /// </summary>
    public static Run Preflight(Place place, string estateFile, string host, IEnumerable<string> extra, string? executable = null)
    {
        string[] preflight = ["preflight", "--estate", estateFile, "--host", host, "--format", "json", .. extra];
        var command = executable is null
            ? place.Command(Dotnet(), [Path.Combine(BuildOutput(), "ShoppingConnectivity.Agent.dll"), .. preflight])
            : place.Command(executable, preflight);
        var result = Commands.Run(command, timeout: TimeSpan.FromSeconds(90));
        return new Run(result.ExitCode, result.Output, result.Error);
    }

    /// <summary>src/ShoppingConnectivity.Agent/bin/{configuration}/{framework}, the configuration these tests were built in.</summary>
    /// <summary>The agent's build output, of the configuration these tests were built in.</summary>
    public static string BuildOutput() => ProgramProcess.BuildOutputOf("ShoppingConnectivity.Agent");

    /// <summary>The dotnet host running these tests, so the agent runs on the same runtime.</summary>
    private static string Dotnet()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
