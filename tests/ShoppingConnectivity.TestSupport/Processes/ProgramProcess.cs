namespace ShoppingConnectivity.TestSupport.Processes;

/// <summary>One of the product's programs (central or an agent) started from its build output, in the Testing environment.</summary>
public static class ProgramProcess
{
    /// <param name="prefix">A command the program runs under, e.g. <c>ip netns exec NAME</c> to run it inside a network namespace.</param>
    public static TestProcess Start(string project, IEnumerable<string> args, IDictionary<string, string> environment, IReadOnlyList<string>? prefix = null)
    {
        var directory = BuildOutputOf(project);
        IEnumerable<string> command = [Path.Combine(directory, project + ".dll"), .. args];
        if (prefix is { Count: > 0 }) return StartFile(prefix[0], directory, [.. prefix.Skip(1), "dotnet", .. command], environment, project);
        return StartFile("dotnet", directory, command, environment, project);
    }

    /// <summary>Any executable, e.g. a published single-file agent.</summary>
    public static TestProcess StartFile(string file, string workingDirectory, IEnumerable<string> args, IDictionary<string, string> environment, string? name = null)
    {
        var all = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Testing", ["ASPNETCORE_ENVIRONMENT"] = "Testing" };
        foreach (var (key, value) in environment) all[key] = value;
        return TestProcess.Start(name ?? Path.GetFileName(file), file, args, all, workingDirectory);
    }

    /// <summary>src/{project}/bin/{configuration}/net10.0, the configuration being the one the caller was built in.</summary>
    public static string BuildOutputOf(string project)
    {
        var callerOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = callerOutput.Name;
        var configuration = callerOutput.Parent!.Name;
        var directory = Path.Combine(Repository.Root(), "src", project, "bin", configuration, framework);
        if (!File.Exists(Path.Combine(directory, project + ".dll")))
            throw new FileNotFoundException($"Build output of {project} not found in {directory}; build the solution first.");
        return directory;
    }
}
