using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests.Hosting;

/// <summary>
/// The real agent under the systemd notify protocol, without systemd: the test binds the notification socket and
/// starts the agent as PID 1 of a new PID namespace with NOTIFY_SOCKET set, which is how
/// Microsoft.Extensions.Hosting.Systemd recognises a systemd service in a container (otherwise its parent must be
/// systemd). Needs root for the namespace, as CI has.
/// </summary>
public sealed class SystemdNotifyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sc-systemd-").FullName;

    /// <param name="nativeAot">false: the build output on the test's runtime; true: the Native AOT build Linux hosts install.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Agent_StartedAsNotifyService_SendsReadyThenStoppingAndLogsForTheJournal(bool nativeAot)
    {
        var socketPath = Path.Combine(_directory, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));

        using var agent = StartInPidNamespace(socketPath, nativeAot);
        try
        {
            Assert.Equal("READY=1", await ReceiveAsync(notify, agent, TimeSpan.FromSeconds(60)));

            // systemctl stop sends SIGTERM to the main process: the agent must say it is stopping and exit cleanly.
            var killed = Commands.Run(["kill", "-TERM", AgentPid(agent.Process.Id).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.True(killed.ExitCode == 0, killed.Printed);
            Assert.Equal("STOPPING=1", await ReceiveAsync(notify, agent, TimeSpan.FromSeconds(30)));
            Assert.True(agent.Process.WaitForExit(30_000), "The agent did not exit within 30 s of SIGTERM:\n" + agent.Output);
            agent.Process.WaitForExit();
            Assert.True(agent.Process.ExitCode == 0, $"Exit code {agent.Process.ExitCode}:\n{agent.Output}");

            // Under systemd the console log carries syslog priorities (<6> information, <4> warning) for the journal.
            Assert.Contains("<6>Microsoft.Hosting.Lifetime", agent.Output, StringComparison.Ordinal);
        }
        finally
        {
            if (!agent.Process.HasExited) agent.Process.Kill(entireProcessTree: true);
        }
    }

    private RunningAgent StartInPidNamespace(string socketPath, bool nativeAot)
    {
        string[] program = nativeAot ? [NativeAgent.Executable] : [DotnetHost(), Path.Combine(AgentProgram.BuildOutput(), "ShoppingConnectivity.Agent.dll")];
        var info = new ProcessStartInfo("unshare")
        {
            WorkingDirectory = Path.GetDirectoryName(program[^1])!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--pid", "--fork", "--mount-proc", "--kill-child", .. program])
            info.ArgumentList.Add(arg);
        info.Environment["NOTIFY_SOCKET"] = socketPath;
        info.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        // Central is not needed to start; nothing listens here, so plan refreshes fail and are retried quietly.
        info.Environment["Agent__CentralUrl"] = $"http://127.0.0.1:{ClosedPort()}";
        info.Environment["Agent__HostName"] = "systemd-test";
        info.Environment["Agent__EnrolmentKey"] = "systemd-test-enrolment-key";
        info.Environment["Agent__DataDirectory"] = Path.Combine(_directory, "data");
        var agent = new RunningAgent(new Process { StartInfo = info });
        agent.Start();
        return agent;
    }

    private static async Task<string> ReceiveAsync(Socket socket, RunningAgent agent, TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            return Encoding.UTF8.GetString(buffer, 0, length).Trim();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No notification within {timeout}. Agent output:\n{agent.Output}");
        }
    }

    /// <summary>The agent is the child of unshare (PID 1 inside the namespace, another PID outside it).</summary>
    private static int AgentPid(int unsharePid)
    {
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue; // the process ended while we looked
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[1] == unsharePid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                return int.Parse(text[..text.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"No child of unshare ({unsharePid}) found.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class RunningAgent(Process process) : IDisposable
    {
        private readonly StringBuilder _output = new();

        public Process Process { get; } = process;

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public void Start()
        {
            Process.OutputDataReceived += (_, e) => Append(e.Data);
            Process.ErrorDataReceived += (_, e) => Append(e.Data);
            if (!Process.Start()) throw new InvalidOperationException("unshare did not start.");
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }

        public void Dispose() => Process.Dispose();
    }
}
