using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>One running real server: its process, its temp directory, where it listens.</summary>
public sealed class RealServer(TestProcess process, TempDirectory directory, string address, int port, int? securePort = null) : IDisposable
{
    /// <summary>The TLS port of a server that has one besides <see cref="Port"/> (slapd's ldaps://).</summary>
    public int SecurePort => securePort ?? throw new InvalidOperationException($"{Process.Name} was started without a TLS port.");

    public TestProcess Process { get; } = process;
    public TempDirectory Directory { get; } = directory;
    public string Address { get; } = address;
    public int Port { get; } = port;

    public void Dispose()
    {
        Process.Dispose();
        Directory.Dispose();
    }
}
