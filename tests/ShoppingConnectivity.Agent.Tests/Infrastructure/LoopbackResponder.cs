using System.Net;
using System.Net.Sockets;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>
/// A stand-in server on a free loopback port, for a protocol no Debian package serves the way a test needs: accepts
/// connections one at a time and lets <see cref="AnswerAsync"/> talk on each until the probe hangs up.
/// </summary>
public abstract class LoopbackResponder : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts listening; call at the end of the derived constructor, once its fields are set.</summary>
    protected void Start()
    {
        _listener.Start();
        _loop = ServeAsync();
    }

    /// <summary>Talks on one accepted connection; returning or an I/O error ends it.</summary>
    protected abstract Task AnswerAsync(NetworkStream stream, CancellationToken cancellationToken);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await AnswerAsync(client.GetStream(), _stop.Token);
                }
                catch (Exception ex) when (ex is IOException or EndOfStreamException or OperationCanceledException or SocketException)
                {
                    // The probe hung up, as it should once it has what it came for.
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // stopped
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
