using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.History.Pages;

/// <summary>A real central with two hours of one edge's history, reported as an agent reports, rolled up: seeded once.</summary>
public sealed class SeededHistory : IAsyncLifetime
{
    public const string SqlFlow = "website-shoppingdb-sql";
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public CentralFactory Factory { get; }

    public SeededHistory() =>
        Factory = new CentralFactory(new Dictionary<string, string?> { ["Central:History:RollupIntervalSeconds"] = "3600" }, clock: Clock);

    public async Task InitializeAsync()
    {
        var _clock = Clock;
        var _factory = Factory;
        using var client = await _factory.SignInAsync();
        var agent = await AgentApi.EnrolAsync(client);
        // Two hours of a probe a minute, each reported as it was taken: reachable, except 12:30-12:45 timed out
        // (a firewall dropped 1433).
        for (var m = 0; m < 120; m++)
        {
            var failing = m is >= 30 and < 45;
            _clock.SetUtcNow(Start.AddMinutes(m).AddSeconds(1));
            var result = new ProbeResultDto(SqlProbe, SqlFlow, failing ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable, failing ? null : 10 + m % 7, "seed", Start.AddMinutes(m));
            (await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), [result]))).EnsureSuccessStatusCode();
            _factory.Services.GetRequiredService<ShoppingConnectivity.Central.Live.LiveState>().Refresh(); // the freshness job's tick
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _factory.Services.GetRequiredService<HistoryMaintenance>().RollUpAsync();
        await _factory.Services.GetRequiredService<EdgeHistoryWriter>().FlushAsync();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
