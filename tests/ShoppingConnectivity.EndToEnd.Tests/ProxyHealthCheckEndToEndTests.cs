using System.Diagnostics;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// The proxy configuration docs/scaling.md gives, against a node that stalls. During a rolling restart one node
/// carries everything while the other is stopped; if a slow health answer takes that node out too, the proxy has no
/// server and every browser and agent gets its 503 page (seen once in CI: a check timed out after 516 ms while the
/// node served the moved circuits, and the page stayed on haproxy's error page).
/// </summary>
public sealed class ProxyHealthCheckEndToEndTests(ITestOutputHelper output)
{
    /// <summary>
    /// Long enough that two checks time out at the old 500 ms (one within 500 ms of the stall's start, the next 250 ms
    /// later), so that configuration takes the node out every time; shorter than the sample's 3 s <c>timeout check</c>.
    /// </summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Haproxy_OnlyNodeFrozenForTwoSeconds_StaysUpAndTheRequestMeanwhileIsAnswered()
    {
        using var estate = new LoopbackEstate();
        using var node = await Central.StartAsync(estate.Json);
        using var proxy = await Haproxy.StartAsync([("a", node.Url)]);
        using var client = new HttpClient { BaseAddress = new Uri(proxy.Url), Timeout = TimeSpan.FromSeconds(20) };
        // Some health checks pass first, so the stall does not begin at a check's edge.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var freezing = node.Process.FreezeAsync(Stall);
        // Sent while the node is frozen: it must wait for the node, not get the proxy's "no server is available".
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var sent = Stopwatch.StartNew();
        using var response = await client.GetAsync("/healthz");
        var took = sent.Elapsed;
        await freezing;
        var body = await response.Content.ReadAsStringAsync();
        // A check that was in flight during the stall ends now; one more round of checks shows what haproxy made of it.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var status = await proxy.StatusAsync("a");
        output.WriteLine($"request during the stall: {(int)response.StatusCode} after {took.TotalMilliseconds:N0} ms; node a {status}");

        Assert.True(response.IsSuccessStatusCode, $"the request during the stall got {(int)response.StatusCode}: {body}\n{proxy.Process.Output}");
        Assert.Equal("Healthy", body);
        Assert.DoesNotContain("is DOWN", proxy.Process.Output, StringComparison.Ordinal);
        Assert.Equal("UP", status);
    }
}
