using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The browser's path to the local Tachyon agent: ask the Website (DiscoveryUrl, its GetTachyonAgentUrl) which URL the
/// agent has, then GET that URL. Any HTTP answer counts unless ExpectStatus says otherwise. When discovery fails the
/// configured loopback port is probed instead, and the detail says why discovery failed.
/// </summary>
public sealed partial class TachyonProbe(HttpProber prober) : IProbeKind
{
    /// <summary>Any HTTP status proves the Tachyon agent answers on loopback.</summary>
    public const string DefaultExpect = "100-599";

    private const int MaxDiscoveryBody = 16 * 1024;

    public string Kind => ProbeKinds.Tachyon;

    public async Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken)
    {
        if (!StatusRanges.TryParse(probe.ExpectStatus, DefaultExpect, out var expect, out var error))
            return new ProbeFinding(ProbeOutcome.Error, null, $"Flow {probe.FlowId}: {error}");

        var timeout = TimeSpan.FromMilliseconds(probe.TimeoutMs);
        var (agentUrl, why) = await DiscoverAsync(probe.DiscoveryUrl, timeout, cancellationToken);
        string prefix;
        if (agentUrl is null)
        {
            agentUrl = new Uri($"http://{HttpTarget.Authority(probe.Address, probe.Port)}/");
            prefix = $"Discovery failed ({why}); probed the configured port {agentUrl}: ";
        }
        else
        {
            prefix = $"The Website names the Tachyon agent at {agentUrl}: ";
        }

        var target = HttpTarget.For(agentUrl, timeout);
        var answer = await prober.GetAsync(target, 0, cancellationToken);
        return HttpProber.Judge(answer, expect, target, prefix);
    }

    private async Task<(Uri? Url, string Why)> DiscoverAsync(string? discoveryUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(discoveryUrl)) return (null, "no Website host in the estate to ask: the plan has no discovery URL");
        if (!Uri.TryCreate(discoveryUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return (null, $"the discovery URL '{discoveryUrl}' is not an absolute http(s) URL");

        var answer = await prober.GetAsync(HttpTarget.For(url, timeout), MaxDiscoveryBody, cancellationToken);
        if (answer.Failure is not null) return (null, $"{url}: {answer.Failure.Outcome}: {answer.Failure.Detail.TrimEnd('.')}");
        if (answer.Status is < 200 or > 299) return (null, $"{url} answered {answer.StatusText}");

        var body = Encoding.UTF8.GetString(answer.Body);
        return FindUrl(body) is { } found
            ? (found, "")
            : (null, $"{url} answered {answer.StatusText} without an http(s) URL in its body: {ProtocolText.Quote(answer.Body)}");
    }

    /// <summary>
    /// The agent URL in whatever the Website sends: a JSON string, a JSON object (a property named like "url" first,
    /// else any string that is a URL), an XML-wrapped string, or plain text. The first http(s) URL wins.
    /// </summary>
    public static Uri? FindUrl(string body)
    {
        var text = body.Trim().TrimStart('\uFEFF');
        if (text.Length == 0) return null;
        if (text[0] is '"' or '{' or '[')
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                var strings = new List<(string? Name, string Value)>();
                Collect(json.RootElement, null, strings);
                var named = strings.Where(s => s.Name?.Contains("url", StringComparison.OrdinalIgnoreCase) == true)
                    .Select(s => AsUrl(s.Value)).FirstOrDefault(u => u is not null);
                if (named is not null) return named;
                var any = strings.Select(s => AsUrl(s.Value)).FirstOrDefault(u => u is not null);
                if (any is not null) return any;
            }
            catch (JsonException)
            {
                // Not JSON after all: look for a URL in the text.
            }
        }

        // XML (an ASMX or WCF string): the URL is element text, not the xmlns attribute.
        if (text[0] == '<') text = XmlTag().Replace(text, " ");
        var match = UrlInText().Match(text);
        return match.Success ? AsUrl(match.Value) : null;
    }

    private static void Collect(JsonElement element, string? name, List<(string?, string)> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add((name, element.GetString()!));
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject()) Collect(property.Value, property.Name, strings);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, name, strings);
                break;
        }
    }

    private static Uri? AsUrl(string value)
    {
        var match = UrlInText().Match(value.Trim());
        return match.Success && Uri.TryCreate(match.Value, UriKind.Absolute, out var url) ? url : null;
    }

    [GeneratedRegex(@"https?://[^\s""'<>\\]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlInText();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex XmlTag();
}
