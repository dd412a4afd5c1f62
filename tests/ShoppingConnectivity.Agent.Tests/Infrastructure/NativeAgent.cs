using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>
/// The agent as Linux hosts install it: Native AOT (Release, linux-x64), published once per test run into the test
/// output folder. The publish takes a couple of minutes on two cores (clang links the native executable).
/// </summary>
public static class NativeAgent
{
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The native executable; the first caller waits for the publish.</summary>
    public static string Executable => Published.Value;

    private static string Publish()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "native-agent");
        // No build servers: they would outlive the test run and keep its output pipes open.
        var result = Commands.Run(
            ["dotnet", "publish", Path.Combine(Repository.Root(), "src", "ShoppingConnectivity.Agent"),
             "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "--disable-build-servers", "-nologo", "-v", "q"],
            timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"The Native AOT publish failed (exit {result.ExitCode}):\n{result.Output}\n{result.Error}");

        var executable = Path.Combine(output, "ShoppingConnectivity.Agent");
        if (!File.Exists(executable)) throw new FileNotFoundException("The Native AOT publish left no executable.", executable);
        return executable;
    }
}
