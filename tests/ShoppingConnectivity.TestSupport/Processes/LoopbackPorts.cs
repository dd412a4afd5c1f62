using System.Net;
using System.Net.Sockets;

namespace ShoppingConnectivity.TestSupport.Processes;

/// <summary>Ports on 127.0.0.1 for the servers tests start.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on now (the system's choice, so parallel tests do not collide).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts a TCP connection on the port.</summary>
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
