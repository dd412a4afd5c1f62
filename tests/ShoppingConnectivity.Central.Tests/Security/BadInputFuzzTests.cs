using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>
/// Ten thousand generated bad requests (mutated JSON, random bytes, wrong content types, oversize bodies, bad headers,
/// bad route ids, wrong methods) against every agent endpoint and the read APIs: none may get a 5xx, none may throw,
/// and the store (Results, Links, Agents, Batches) must be exactly as before.
/// </summary>
public sealed class BadInputFuzzTests : IDisposable
{
    private const int Requests = 10_000;
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";

    private readonly CentralFactory _factory = new(new Dictionary<string, string?>
    {
        // Rate limits out of the way (they have their own tests); small limits make huge batches and bodies cheap.
        ["Central:Security:AgentRequestsPerMinute"] = "1000000",
        ["Central:Security:EnrolRequestsPerMinute"] = "1000000",
        ["Central:Security:MaxResultsBodyKilobytes"] = "64",
        ["Central:MaxResultsPerBatch"] = "50",
    });

    [Fact]
    public async Task Fuzz_TenThousandBadRequests_NoServerErrorAndTheStoreUnchanged()
    {
        var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var viewer = await _factory.SignInAsync();
        var web = await AgentApi.EnrolAsync(anonymous, "web01");
        var db = await AgentApi.EnrolAsync(anonymous, "db01");
        var stored = new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable), AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut)]);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.PostResultsAsync(anonymous, web, stored)).StatusCode);
        var before = await SnapshotAsync();
        Assert.Equal(2, before.Results);

        var context = new FuzzContext(web, db, stored);
        var serverErrors = new ConcurrentQueue<string>();
        var agentSuccesses = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var random = new Random(7919 * (i + 1));
            var (description, request, signedIn) = Generate(i, random, context);
            using (request)
            {
                using var response = await (signedIn ? viewer : anonymous).SendAsync(request, ct);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500) serverErrors.Enqueue($"{status} for #{i} {description}: {Shorten(await response.Content.ReadAsStringAsync(ct))}");
                else if (status < 400 && !signedIn && !description.StartsWith("read API", StringComparison.Ordinal))
                    agentSuccesses.Enqueue($"{status} for #{i} {description}");
            }
        });

        Assert.True(serverErrors.IsEmpty, $"{serverErrors.Count} server errors, e.g.:\n{string.Join("\n", serverErrors.Take(20))}\n"
            + string.Join("\n", _factory.Logs.Lines.Where(l => l.Exception is not null).Take(3)));
        Assert.True(agentSuccesses.IsEmpty, $"{agentSuccesses.Count} bad agent requests were accepted, e.g.:\n{string.Join("\n", agentSuccesses.Take(20))}");
        Assert.Equal(Requests, statuses.Values.Sum());
        Assert.DoesNotContain(_factory.Logs.Lines, l => l.Level >= LogLevel.Error || l.Exception is not null);
        Assert.Equal(before, await SnapshotAsync());
        // The mix really covered the failure classes, not one kind of refusal ten thousand times. (A wrong method gets
        // 401 rather than 405 from an anonymous caller: the fallback policy answers before the method is named.)
        Assert.All(new[] { 400, 401, 404, 409, 413, 415 }, s => Assert.True(statuses.ContainsKey(s), $"no {s} among {string.Join(", ", statuses.OrderBy(p => p.Key))}"));
    }

    private sealed record FuzzContext(EnrolmentResponse Web, EnrolmentResponse Db, ResultBatch Stored);

    private static (string Description, HttpRequestMessage Request, bool SignedIn) Generate(int i, Random random, FuzzContext c)
    {
        var resultsUrl = $"/api/v1/agents/{c.Web.AgentId}/results";
        switch (i % 12)
        {
            case 0: // a poisoned batch (unknown flow AND year 2999), then a syntax mutation: no single change makes it valid
            {
                var json = Mutate(random, PoisonedBatch(random));
                return ("mutated poisoned batch", Post(resultsUrl, c.Web.Token, Json(json)), false);
            }
            case 1: // one semantic fault at a time in an otherwise valid batch
            {
                var (what, json) = SemanticFault(random, c);
                return (what, Post(resultsUrl, c.Web.Token, Json(json)), false);
            }
            case 2: // random bytes as JSON, to results and enrolment
            {
                var bytes = new byte[random.Next(0, 2048)];
                random.NextBytes(bytes);
                var url = random.Next(2) == 0 ? resultsUrl : "/api/v1/agents/enrol";
                return ($"{bytes.Length} random bytes to {url}", Post(url, c.Web.Token, Json(bytes)), false);
            }
            case 3: // a valid body with a wrong or missing content type
            {
                var types = new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", "application/jsonx", "text/json" };
                var type = types[random.Next(types.Length)];
                var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(NewBatch(), ContractsJson.Options));
                if (type.Length > 0) content.Headers.TryAddWithoutValidation("Content-Type", type);
                return ($"content type '{type}'", Post(resultsUrl, c.Web.Token, content), false);
            }
            case 4: // oversize bodies, declared or streamed
            {
                var size = 64 * 1024 + random.Next(1, 256 * 1024);
                var body = Encoding.UTF8.GetBytes("{\"batchId\":\"" + Guid.NewGuid() + "\",\"results\":[" + new string(' ', size) + "]}");
                HttpContent content = random.Next(2) == 0 ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var url = random.Next(3) == 0 ? "/api/v1/agents/enrol" : resultsUrl;
                return ($"{body.Length}-byte body to {url}", Post(url, c.Web.Token, content), false);
            }
            case 5: // bad Authorization headers with a valid batch
            {
                var headers = new[]
                {
                    "", "Bearer", "Bearer ", "Basic d2ViMDE6c2VjcmV0", "bearer " + c.Db.Token, "Bearer " + c.Web.Token + "x",
                    "Bearer " + new string('A', random.Next(100, 9000)), "Bearer " + RandomText(random, 40), "Token " + c.Web.Token,
                    "Bearer " + c.Web.Token[..^1],
                };
                var header = headers[random.Next(headers.Length)];
                var request = new HttpRequestMessage(HttpMethod.Post, resultsUrl) { Content = JsonContent(NewBatch()) };
                if (header.Length > 0) request.Headers.TryAddWithoutValidation("Authorization", header);
                return ($"Authorization '{Shorten(header)}'", request, false);
            }
            case 6: // bad route ids, to plan and results, with someone's token (a raw %00 never reaches the app: Kestrel refuses the request line)
            {
                var ids = new[]
                {
                    "no-such-agent", new string('a', random.Next(254, 3000)), "%2500", "..%2F..%2Fetc", "web01%20", "WEB01.", "%E2%98%83",
                    Uri.EscapeDataString(RandomText(random, 30)), "db01", "web01;drop", "%FF%FE",
                };
                var id = ids[random.Next(ids.Length)];
                var token = random.Next(2) == 0 ? c.Web.Token : "not-a-token";
                var request = random.Next(2) == 0
                    ? new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agents/{id}/plan")
                    : new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{id}/results") { Content = JsonContent(NewBatch()) };
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
                if (id == "db01" && token == c.Web.Token && request.Method == HttpMethod.Get)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-" + token);
                return ($"route id '{Shorten(id)}'", request, false);
            }
            case 7: // enrolment: mutated requests, always with a wrong key, so none can enrol anything
            {
                var json = Mutate(random, JsonSerializer.SerializeToUtf8Bytes(
                    new EnrolmentRequest(RandomHost(random), "wrong-key-" + RandomText(random, 20), RandomText(random, 10), ["Website", RandomText(random, 6)]),
                    ContractsJson.Options));
                return ("mutated enrolment", Post("/api/v1/agents/enrol", null, Json(json)), false);
            }
            case 8: // enrolment with the right key but invalid fields
            {
                var hosts = new[] { "", " ", new string('h', 300), "bad host", "host/../x", "h\u00e9te", "<script>" };
                var body = $"{{\"hostName\":{JsonSerializer.Serialize(hosts[random.Next(hosts.Length)])},\"enrolmentKey\":\"{CentralFactory.EnrolmentKey}\",\"version\":{JsonSerializer.Serialize(new string('v', random.Next(0, 2) * 100))},\"roles\":[\"NoSuchRole\"]}}";
                return ("enrolment with invalid fields", Post("/api/v1/agents/enrol", null, Json(Encoding.UTF8.GetBytes(body))), false);
            }
            case 9: // wrong methods on the agent endpoints
            {
                var methods = new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Get };
                var urls = new[] { resultsUrl, "/api/v1/agents/enrol", $"/api/v1/agents/{c.Web.AgentId}/plan" };
                var method = methods[random.Next(methods.Length)];
                var url = urls[random.Next(urls.Length)];
                if (method == HttpMethod.Get && url.EndsWith("/plan", StringComparison.Ordinal)) method = HttpMethod.Delete;
                var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Get ? null : JsonContent(NewBatch()) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", c.Web.Token);
                return ($"{method} {url}", request, false);
            }
            case 10: // read APIs, signed in, with garbage parameters
            {
                var garbage = Uri.EscapeDataString(RandomText(random, random.Next(0, 60)));
                var urls = new[]
                {
                    $"/api/v1/history/trend?flow={garbage}&from={garbage}&to=2026-13-45", $"/api/v1/history/trend.csv?from=9999-01-01&to=0001-01-01",
                    $"/api/v1/history/outages?flow=website-shoppingdb-sql&from={garbage}", $"/api/v1/history/link-outages?to={garbage}",
                    $"/api/v1/history/availability?month={garbage}&target={random.NextDouble() * 1000 - 500}", "/api/v1/history/availability.csv?target=NaN",
                    $"/api/v1/history/replay?at={garbage}", $"/api/v1/edges?{garbage}={garbage}", $"/api/v1/catalogue/{garbage}",
                    $"/api/v1/estate?x={new string('y', random.Next(0, 4000))}", "/api/v1/history/trend?from=-1&to=" + long.MaxValue,
                };
                var url = urls[random.Next(urls.Length)];
                return ($"read API with garbage {Shorten(url)}", new HttpRequestMessage(HttpMethod.Get, url), true);
            }
            default: // read APIs without signing in
            {
                var urls = new[] { "/api/v1/edges", "/api/v1/catalogue", "/api/v1/agents", "/api/v1/estate", "/api/v1/history/trend", "/api/v1/history/replay?at=now" };
                var request = new HttpRequestMessage(HttpMethod.Get, urls[random.Next(urls.Length)]);
                request.Headers.TryAddWithoutValidation("Cookie", ".AspNetCore.Identity.Application=" + RandomText(random, 80) + "; ShoppingConnectivity.Session=" + RandomText(random, 200));
                return ("read API, anonymous with a forged cookie", request, false);
            }
        }
    }

    /// <summary>Syntax mutations: truncation, a flipped, inserted or deleted byte, invalid UTF-8, deep nesting, a repeated chunk.</summary>
    private static byte[] Mutate(Random random, byte[] json)
    {
        var bytes = json.ToList();
        switch (random.Next(7))
        {
            case 0: return json[..random.Next(0, Math.Max(1, json.Length - 1))];
            case 1: bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8)); break;
            case 2: bytes.Insert(random.Next(bytes.Count), "{}[],:\"\\0-eE.nt\u00ff"u8.ToArray()[random.Next(17)]); break;
            case 3: bytes.RemoveAt(random.Next(bytes.Count)); break;
            case 4: bytes.InsertRange(random.Next(bytes.Count), new byte[] { 0xC3, 0x28, 0xFF }); break;
            case 5: return Encoding.UTF8.GetBytes(new string('[', random.Next(65, 5000)) + new string(']', random.Next(0, 10)));
            default:
                var start = random.Next(bytes.Count);
                var chunk = bytes.Skip(start).Take(random.Next(1, 200)).ToArray();
                for (var n = random.Next(1, 50); n > 0; n--) bytes.InsertRange(start, chunk);
                break;
        }

        return bytes.ToArray();
    }

    private static byte[] PoisonedBatch(Random random) => JsonSerializer.SerializeToUtf8Bytes(new ResultBatch(Guid.NewGuid(),
        Enumerable.Range(0, random.Next(1, 5)).Select(_ => new ProbeResultDto("no-such-flow/db01/1", "no-such-flow", ProbeOutcome.Reachable, 1.5, "fuzz",
            new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero))).ToList()), ContractsJson.Options);

    /// <summary>A batch with exactly one thing wrong, each naming its own field.</summary>
    private static (string What, byte[] Json) SemanticFault(Random random, FuzzContext c)
    {
        var good = AgentApi.Result(SqlProbe, ProbeOutcome.Reachable);
        return random.Next(16) switch
        {
            0 => ("unknown flow", Serialize(NewBatch(good with { FlowId = "no-such-flow", ProbeId = "no-such-flow/x/1" }))),
            1 => ("timestamp far in the future", Serialize(NewBatch(good with { At = DateTimeOffset.UtcNow.AddDays(random.Next(1, 100_000)) }))),
            2 => ("timestamp far in the past", Serialize(NewBatch(good with { At = DateTimeOffset.UtcNow.AddDays(-random.Next(31, 700_000)) }))),
            3 => ("huge batch", Serialize(new ResultBatch(Guid.NewGuid(), Enumerable.Repeat(good, random.Next(51, 400)).ToList()))),
            4 => ("same batch id, other contents", Serialize(c.Stored with { Results = [good] })),
            5 => ("empty batch id", Serialize(new ResultBatch(Guid.Empty, [good]))),
            6 => ("no results", Serialize(new ResultBatch(Guid.NewGuid(), []))),
            7 => ("negative latency", Serialize(NewBatch(good with { LatencyMs = -random.Next(1, 1000) }))),
            8 => ("probe of another flow", Serialize(NewBatch(good with { ProbeId = "central-activeefficiency-http/ae01/80" }))),
            9 => ("wrong types", Encoding.UTF8.GetBytes($"{{\"batchId\":{random.Next()},\"results\":\"{RandomText(random, 10)}\"}}")),
            10 => ("outcome out of range", Encoding.UTF8.GetBytes($"{{\"batchId\":\"{Guid.NewGuid()}\",\"results\":[{{\"probeId\":\"{SqlProbe}\",\"flowId\":\"website-shoppingdb-sql\",\"outcome\":{random.Next(100, 10000)},\"at\":\"{DateTimeOffset.UtcNow:O}\"}}]}}")),
            11 => ("outcome as flags text", WithOutcome(good, $"\"{(ProbeOutcome)random.Next(7)},{(ProbeOutcome)random.Next(1, 7)}\"")),
            12 => ("outcome as a number", WithOutcome(good, random.Next(2) == 0 ? $"{random.Next(7)}" : $"\"{random.Next(7)}\"")),
            13 => ("outcome missing", WithOutcome(good, null)),
            14 => ("probe not in the agent's plan", Serialize(NewBatch(good, good with { ProbeId = "website-shoppingdb-sql/ae01/" + random.Next(1, 65536) }))),
            _ when random.Next(2) == 0 => ("flow not in the agent's plan", Serialize(NewBatch(good with { FlowId = "client-website-http", ProbeId = "client-website-http/web01/80" }))),
            _ => ("detail too long", Serialize(NewBatch(good with { Detail = new string('d', 2001 + random.Next(0, 5000)) }))),
        };
    }

    /// <summary>A batch of <paramref name="result"/> whose outcome is the raw JSON <paramref name="outcome"/> (no outcome at all when null).</summary>
    private static byte[] WithOutcome(ProbeResultDto result, string? outcome)
    {
        var json = Encoding.UTF8.GetString(Serialize(NewBatch(result)));
        var named = $"\"outcome\":\"{result.Outcome}\"";
        Assert.Contains(named, json, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json.Replace(outcome is null ? named + "," : named, outcome is null ? "" : $"\"outcome\":{outcome}", StringComparison.Ordinal));
    }

    private static ResultBatch NewBatch(params ProbeResultDto[] results) =>
        new(Guid.NewGuid(), results.Length > 0 ? results : [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]);

    private static byte[] Serialize(ResultBatch batch) => JsonSerializer.SerializeToUtf8Bytes(batch, ContractsJson.Options);

    private static HttpContent JsonContent(ResultBatch batch) => Json(Serialize(batch));

    private static HttpContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static HttpRequestMessage Post(string url, string? token, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string RandomText(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x21, 0x7f)).ToArray());

    private static string RandomHost(Random random) => "fuzz-" + random.Next(1_000_000);

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "..." : text;

    /// <summary>Row counts and a SHA-256 over every row of the tables a bad request must never touch.</summary>
    private async Task<StoreSnapshot> SnapshotAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        var results = await db.Results.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var links = await db.Links.AsNoTracking().OrderBy(l => l.AgentId).ThenBy(l => l.ProbeId).ToListAsync();
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        var batches = await db.Batches.AsNoTracking().OrderBy(b => b.AgentId).ThenBy(b => b.BatchId).ToListAsync();
        var text = JsonSerializer.Serialize(new object[] { results, links, agents, batches });
        return new StoreSnapshot(results.Count, links.Count, agents.Count, batches.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    private sealed record StoreSnapshot(int Results, int Links, int Agents, int Batches, string Checksum);

    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    public void Dispose() => _factory.Dispose();
}
