using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Stands in for the blackbox exporter: answers GET /probe?target=X with a body the real exporter gave, so Prometheus
/// does all of its work (fetch, gunzip, parse, relabel, append) while the probing itself costs nothing; that cost is
/// the exporter's, not Prometheus's, and this process's CPU is not measured.
/// </summary>
/// <remarks>
/// The bodies (blackbox-probe-tcp.txt, blackbox-probe-http.txt) were captured from Debian 12's
/// prometheus-blackbox-exporter 0.23.0 with its packaged /etc/prometheus/blackbox.yml, listening on 127.0.0.1:
/// module tcp_connect probing a loopback TCP listener, module http_2xx probing a loopback HTTP server
/// (curl "http://127.0.0.1:PORT/probe?target=…&amp;module=…"). Like the real exporter (Go's promhttp), this one
/// answers text format 0.0.4, gzipped when the scraper accepts gzip, as Prometheus does.
/// </remarks>
public sealed class StaticBlackboxExporter : IAsyncDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Real probes take a different time each run; varied durations keep Prometheus's compression of them honest.
    private const int Variants = 256;

    private readonly WebApplication _app;
    private readonly byte[][] _plain;
    private readonly byte[][]? _gzipped;
    private long _requests;
    private long _gzippedAnswers;

    private StaticBlackboxExporter(WebApplication app, byte[][] plain, byte[][]? gzipped, int samples)
    {
        _app = app;
        _plain = plain;
        _gzipped = gzipped;
        Samples = samples;
    }

    /// <summary>host:port Prometheus scrapes.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Samples in one answer (lines that are not comments).</summary>
    public int Samples { get; }

    /// <summary>/probe requests answered so far: one per scrape.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Of those, answered gzipped (the scraper asked for it).</summary>
    public long GzippedAnswers => Interlocked.Read(ref _gzippedAnswers);

    /// <param name="bodyFile">A captured /probe body, beside the bench's dll.</param>
    /// <param name="gzip">Whether to gzip answers when asked, as the real exporter does; false answers as one built with compression off.</param>
    public static async Task<StaticBlackboxExporter> StartAsync(string bodyFile, bool gzip = true)
    {
        var path = Path.Combine(AppContext.BaseDirectory, bodyFile);
        var captured = await File.ReadAllTextAsync(path);
        var random = new Random(20);
        var plain = new byte[Variants][];
        var gzipped = gzip ? new byte[Variants][] : null;
        for (var i = 0; i < Variants; i++)
        {
            plain[i] = Encoding.UTF8.GetBytes(i == 0 ? captured : Vary(captured, random));
            if (gzipped is not null) gzipped[i] = Gzip(plain[i]);
        }

        var samples = captured.Split('\n').Count(l => l.Length > 0 && l[0] != '#');
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var exporter = new StaticBlackboxExporter(app, plain, gzipped, samples);
        app.Run(exporter.AnswerAsync);
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        exporter.Address = $"127.0.0.1:{url.Port}";
        return exporter;
    }

    private Task AnswerAsync(HttpContext context)
    {
        if (context.Request.Path != "/probe" || !context.Request.Query.ContainsKey("target"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var n = Interlocked.Increment(ref _requests);
        var gzip = _gzipped is not null && context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        var body = (gzip ? _gzipped! : _plain)[n % Variants];
        context.Response.ContentType = ContentType;
        if (gzip)
        {
            Interlocked.Increment(ref _gzippedAnswers);
            context.Response.Headers.ContentEncoding = "gzip";
        }

        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    /// <summary>The body with its non-zero *_seconds values scaled at random (0.3× to 3×), written as Go writes floats.</summary>
    private static string Vary(string body, Random random)
    {
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            var name = line[..(line.IndexOf('{') is >= 0 and var brace ? brace : space)];
            if (!name.EndsWith("_seconds", StringComparison.Ordinal)) continue;
            var value = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            if (value == 0) continue;
            var varied = Math.Round(value * (0.3 + random.NextDouble() * 2.7), 9);
            lines[i] = line[..(space + 1)] + varied.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        }

        return string.Join('\n', lines);
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(plain);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
