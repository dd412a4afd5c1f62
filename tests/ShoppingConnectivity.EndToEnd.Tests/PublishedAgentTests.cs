using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// The agent as users install it on Linux: published Release, linux-x64, Native AOT (one native executable, no .NET
/// runtime); run against a real central, probing a real listener on loopback. The AOT build's probe kinds are proven
/// against real servers in the agent tests (firewall lab, TDS responder); this proves enrolment, the plan, Quartz's
/// scheduling, the outbox and the push in the same build.
/// </summary>
[Collection(PublishCollection.Name)]
public sealed class PublishedAgentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sc-publish-").FullName;

    [Fact]
    public async Task PublishedAgent_LinuxX64NativeAot_EnrolsProbesAndReports()
    {
        var output = Path.Combine(_directory, "agent");
        Publish(output);
        var executable = Path.Combine(output, "ShoppingConnectivity.Agent");
        Assert.True(File.Exists(executable), "No executable in " + output);
        Assert.Empty(Directory.GetFiles(output, "*.dll")); // no managed assemblies: all compiled into the executable
        Assert.False(File.Exists(Path.Combine(output, "libcoreclr.so")), "A .NET runtime lies beside the executable.");
        Assert.True(File.Exists(Path.Combine(output, "deploy", "shopping-connectivity-agent.service")), "The systemd unit is not in the publish.");

        // AppClarity (TCP 8335, the catalogue's plain tcp flow) on a loopback address of its own, so the fixed port is free.
        var address = IPAddress.Parse($"127.0.0.{Random.Shared.Next(100, 250)}");
        using var appClarity = new TcpListener(address, 8335);
        appClarity.Start();
        _ = AcceptForeverAsync(appClarity);
        using var central = await Central.StartAsync($$"""
            {
              "name": "Published agent",
              "switches": { "appClarity": true },
              "hosts": [
                { "name": "web01", "address": "127.0.0.1", "roles": ["CentralService"] },
                { "name": "appc01", "address": "{{address}}", "roles": ["AppClarity"] }
              ]
            }
            """);

        // A clean environment: no DOTNET_ROOT, nothing of an installed .NET can be used.
        using var agent = ProgramProcess.StartFile(executable, output, [], new Dictionary<string, string>
        {
            ["DOTNET_ROOT"] = "",
            ["Agent__CentralUrl"] = central.Url,
            ["Agent__HostName"] = "web01",
            ["Agent__EnrolmentKey"] = Central.EnrolmentKey,
            ["Agent__DataDirectory"] = Path.Combine(_directory, "agent-data"),
            ["Agent__PushIntervalSeconds"] = "1",
        });

        var edges = await central.WaitForEdgesAsync(
            e => e["central-appclarity"].GetProperty("colour").GetString() == "Green", TimeSpan.FromSeconds(60), agent);
        Assert.Equal(1, edges["central-appclarity"].GetProperty("counts").GetProperty("Reachable").GetInt32());
        Assert.True(File.Exists(Path.Combine(_directory, "agent-data", "agent-identity.json")), "The agent kept no token.");
    }

    private static void Publish(string output)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No build servers: they would outlive the test and keep its output pipes open.
        foreach (var arg in new[]
                 {
                     "publish", "src/ShoppingConnectivity.Agent", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "--disable-build-servers", "-nologo", "-v", "q",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish took longer than 10 minutes:\n" + log);
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet publish exited {process.ExitCode}:\n{log}");
    }

    private static async Task AcceptForeverAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
