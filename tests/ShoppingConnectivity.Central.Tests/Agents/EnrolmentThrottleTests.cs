using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>Guessing enrolment keys: a lockout that doubles per address, and one over all addresses.</summary>
public sealed class EnrolmentThrottleTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));
    private readonly List<CentralFactory> _factories = [];

    [Fact]
    public async Task WrongKeys_FromOneAddress_LockItOutForADoublingTimeEvenWithTheRightKey()
    {
        // The attack: 700 wrong keys in 3.8 s were each answered 401 until the request rate limit.
        var client = Central(new() { ["Central:Enrolment:FreeFailuresPerAddress"] = "3", ["Central:Enrolment:FirstLockoutSeconds"] = "2" });
        const string guesser = "192.0.2.10";

        var free = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) free.Add((await EnrolAsync(client, "wrong-key-" + i, guesser)).StatusCode);
        var locked = await EnrolAsync(client, CentralFactory.EnrolmentKey, guesser);
        var otherAddress = await EnrolAsync(client, CentralFactory.EnrolmentKey, "192.0.2.11");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), free);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), locked.Headers.RetryAfter?.Delta);
        Assert.Contains("192.0.2.10 is locked out for 2 s", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);

        // Each further wrong key doubles the wait: 2 s, then 4 s, then 8 s.
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await EnrolAsync(client, "wrong-key-5", guesser)).StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), (await EnrolAsync(client, CentralFactory.EnrolmentKey, guesser)).Headers.RetryAfter?.Delta);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Unauthorized, (await EnrolAsync(client, "wrong-key-6", guesser)).StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(8), (await EnrolAsync(client, CentralFactory.EnrolmentKey, guesser)).Headers.RetryAfter?.Delta);

        // Once the lockout is over the right key works, and the address starts again from nothing.
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(client, CentralFactory.EnrolmentKey, guesser, "db01")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await EnrolAsync(client, "wrong-key-7", guesser)).StatusCode);
    }

    [Fact]
    public async Task WrongKeys_SpreadOverManyAddresses_LockOutEveryAddressThatGuessedButNotNewAgents()
    {
        var client = Central(new() { ["Central:Enrolment:FreeFailuresPerAddress"] = "5", ["Central:Enrolment:FreeFailuresOverall"] = "10" });

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) answers.Add((await EnrolAsync(client, "wrong-key", $"198.51.100.{i + 1}")).StatusCode);
        // An address that guessed once before is now locked out with everyone's guesses; one that never guessed is not.
        var guessedBefore = await EnrolAsync(client, "wrong-key", "198.51.100.1");
        var newAgent = await EnrolAsync(client, CentralFactory.EnrolmentKey, "198.51.100.200");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 12), answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, guessedBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAgent.StatusCode);
    }

    [Fact]
    public async Task GeneratedKeys_Are256RandomBits()
    {
        var client = Central(new());
        var keys = (EnrolmentKeys)_factories[^1].Services.GetService(typeof(EnrolmentKeys))!;

        var (_, secret, _) = await keys.CreateAsync("rollout", null);

        var random = secret![EnrolmentKeys.Prefix.Length..].Replace('-', '+').Replace('_', '/');
        Assert.Equal(32, Convert.FromBase64String(random.PadRight(random.Length + (4 - random.Length % 4) % 4, '=')).Length);
        Assert.Equal(HttpStatusCode.OK, (await EnrolAsync(client, secret, "192.0.2.1")).StatusCode);
    }

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
    }

    private HttpClient Central(Dictionary<string, string?> settings)
    {
        var factory = new CentralFactory(settings, clock: _clock);
        _factories.Add(factory);
        return factory.CreateClient();
    }

    private static Task<HttpResponseMessage> EnrolAsync(HttpClient client, string key, string address, string host = "web01")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agents/enrol")
        {
            Content = JsonContent.Create(new EnrolmentRequest(host, key, "test"), options: ContractsJson.Options),
        };
        request.Headers.Add(CentralFactory.ClientAddressHeader, address);
        return client.SendAsync(request);
    }
}
