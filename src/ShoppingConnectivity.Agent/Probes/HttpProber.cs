using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The HTTP client of the http, https and tachyon kinds: one <see cref="SocketsHttpHandler"/> for the agent's life (an
/// agent on every client must stay light), whose connections are made by <see cref="TcpConnector"/> so failures
/// classify exactly as a tcp probe's, and whose TLS is done here so the certificate can be reported. Redirects are not
/// followed (a 302 to a login page proves the site answers), every request opens a fresh connection (a pooled one would
/// prove nothing about the network now), and what the port sent is kept to quote it when it is not HTTP.
/// </summary>
public sealed class HttpProber : IDisposable
{
    private static readonly HttpRequestOptionsKey<Attempt> AttemptKey = new("ShoppingConnectivity.Agent.HttpProbeAttempt");
    private static readonly ProductInfoHeaderValue UserAgent = new("ShoppingConnectivity-Agent", typeof(HttpProber).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly CertificateJudge _judge;
    private readonly HttpMessageInvoker _http;

    public HttpProber(CertificateJudge judge)
    {
        _judge = judge;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 64,
            // Zero: no connection is kept (each request says Connection: close anyway), so the handler runs no pool
            // cleaning timer, which would wake the agent every second and a quarter after each probe.
            PooledConnectionIdleTimeout = TimeSpan.Zero,
            ConnectCallback = ConnectAsync,
        });
    }

    /// <summary>GETs <paramref name="target"/>, reading at most <paramref name="maxBodyBytes"/> of the body.</summary>
    public async Task<HttpAnswer> GetAsync(HttpTarget target, int maxBodyBytes, CancellationToken cancellationToken)
    {
        // Connect and answer each get the timeout; ConnectAsync narrows this to one timeout from the moment of connection.
        using var deadline = new Deadline(target.Timeout * 2 + TimeSpan.FromSeconds(1), cancellationToken);
        var attempt = new Attempt(target, deadline);

        // The URI names the address to connect to; the Host header carries the estate's name, as a browser would send it.
        // TLS happens in ConnectAsync, so the scheme here is always http.
        var address = IPAddress.TryParse(target.Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{ip}]" : target.Address;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{address}:{target.Port}{target.Path}"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Host = target.HostHeader;
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.Add(UserAgent);
        request.Options.Set(AttemptKey, attempt);

        try
        {
            using var response = await _http.SendAsync(request, deadline.Token);
            var body = maxBodyBytes > 0 ? await ReadBodyAsync(response, maxBodyBytes, deadline.Token) : [];
            return new HttpAnswer(null, (int)response.StatusCode, response.ReasonPhrase ?? "",
                response.Headers.Server.Count > 0 ? response.Headers.Server.ToString() : null, body, attempt.Connection?.LatencyMs,
                attempt.Certificate, attempt.Where);
        }
        catch (Exception ex) when (attempt.ConnectFailure is not null && (ex is HttpRequestException or OperationCanceledException))
        {
            return attempt.Fail(attempt.ConnectFailure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return attempt.Connection is null
                ? attempt.Fail(new ProbeFinding(ProbeOutcome.TimedOut, null, $"No answer from {target.Address}:{target.Port} within {target.Timeout.TotalMilliseconds:N0} ms."))
                : attempt.ProtocolError(ProbeExchange.NoAnswer(attempt.Where, "HTTP", attempt.Received, target.Timeout));
        }
        catch (HttpRequestException ex) when (Find<ProtocolMismatchException>(ex) is { } mismatch)
        {
            return attempt.ProtocolError(ProbeExchange.NotThisProtocol(attempt.Where, "TLS", attempt.Received, mismatch.Reason));
        }
        catch (HttpRequestException ex) when (Find<UnhealthyServiceException>(ex) is { } unhealthy)
        {
            return attempt.ProtocolError($"{attempt.Where}: {unhealthy.Message}");
        }
        catch (HttpRequestException ex) when (attempt.Connection is not null)
        {
            var received = attempt.Received;
            if (attempt.SentHttp) return attempt.ProtocolError($"{attempt.Where} sent a broken HTTP answer: {ex.Message}");
            return attempt.ProtocolError(received.IsEmpty || ex.HttpRequestError == HttpRequestError.ResponseEnded
                ? ProbeExchange.Closed(attempt.Where, "HTTP", received, ex.InnerException ?? ex)
                : ProbeExchange.NotThisProtocol(attempt.Where, "HTTP", received, null));
        }
    }

    /// <summary>Judges an answer against the statuses that prove the service.</summary>
    public static ProbeFinding Judge(HttpAnswer answer, StatusRanges expect, HttpTarget target, string? prefix = null)
    {
        if (answer.Failure is not null) return answer.Failure with { Detail = prefix + answer.Failure.Detail };
        if (!expect.Contains(answer.Status))
        {
            return new ProbeFinding(ProbeOutcome.ProtocolError, answer.LatencyMs,
                $"{prefix}{answer.Where} answered {answer.StatusText} to GET {target.Path}, expected {expect}.");
        }

        var server = answer.Server is null ? "" : $" (server {answer.Server})";
        var tls = answer.Certificate is null ? "" : " " + answer.Certificate.Detail;
        return new ProbeFinding(ProbeOutcome.Reachable, answer.LatencyMs,
            $"{prefix}{answer.StatusText} from {answer.Where} to GET {target.Path}{server}.{tls}", answer.Certificate?.Degraded ?? false);
    }

    public void Dispose() => _http.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(AttemptKey, out var attempt))
            throw new InvalidOperationException("An HTTP probe request was sent without its attempt.");

        var target = attempt.Target;
        var connection = await TcpConnector.ConnectAsync(target.Address, target.Port, target.Timeout, cancellationToken);
        if (connection.Failure is not null)
        {
            attempt.ConnectFailure = connection.Failure;
            throw new HttpRequestException(HttpRequestError.ConnectionError, connection.Failure.Detail);
        }

        attempt.Connected(connection);
        var stream = new RecordingStream(new NetworkStream(connection.Socket!, ownsSocket: true));
        attempt.Stream = stream;
        if (!target.Tls) return stream;

        try
        {
            using var handshake = new Deadline(target.Timeout, cancellationToken);
            var (ssl, report) = await TlsHandshake.AuthenticateAsync(stream, target.ServerName, _judge, handshake.Token, leaveInnerStreamOpen: false);
            attempt.Certificate = report;
            return ssl;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, int max, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[max];
        var total = 0;
        int read;
        while (total < max && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0) total += read;
        return buffer[..total];
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found) return found;
        }

        return null;
    }

    /// <summary>One request's view of its connection, filled in by <see cref="ConnectAsync"/>.</summary>
    private sealed class Attempt(HttpTarget target, CancellationTokenSource deadline)
    {
        public HttpTarget Target { get; } = target;
        public CancellationTokenSource Deadline { get; } = deadline;
        public TcpConnector.Connection? Connection { get; private set; }
        public ProbeFinding? ConnectFailure { get; set; }
        public RecordingStream? Stream { get; set; }
        public CertificateReport? Certificate { get; set; }

        /// <summary>True when the answer started like HTTP (so an early end is a broken HTTP answer, not another protocol).</summary>
        public bool SentHttp => Received.StartsWith("HTTP/"u8);

        public ReadOnlySpan<byte> Received => Stream is null ? default : Stream.Received;

        public string Where => ProbeExchange.Where(Target.DisplayHost, Target.Port, Connection?.Address);

        public void Connected(TcpConnector.Connection connection)
        {
            Connection = connection;
            try
            {
                Deadline.CancelAfter(Target.Timeout);
            }
            catch (ObjectDisposedException)
            {
                // The request already ended (cancelled); this connection serves nobody.
            }
        }

        public HttpAnswer Fail(ProbeFinding finding) => new(finding, 0, "", null, [], finding.LatencyMs, null, Where);

        public HttpAnswer ProtocolError(string detail) => Fail(new ProbeFinding(ProbeOutcome.ProtocolError, Connection?.LatencyMs, detail));
    }
}
