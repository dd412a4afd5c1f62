using System.Text.Json;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Upstream;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Upstream;

/// <summary>The agent's compile-time JSON and central's options agree on outcomes: one name each, nothing else.</summary>
public class AgentJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ResultBatch_EveryOutcome_WrittenByNameAndReadBackByCentral()
    {
        var batch = new ResultBatch(Guid.NewGuid(),
            Enum.GetValues<ProbeOutcome>().Select(o => new ProbeResultDto("website-shoppingdb-sql/sql01/1433", "website-shoppingdb-sql", o, null, null, At)).ToList());

        var json = JsonSerializer.Serialize(batch, AgentJson.Default.ResultBatch);
        var read = JsonSerializer.Deserialize<ResultBatch>(json, ContractsJson.Options)!;

        Assert.Contains("\"outcome\":\"TimedOut\"", json, StringComparison.Ordinal);
        Assert.Equal(batch.Results, read.Results);
    }

    [Theory]
    [InlineData("\"Reachable,Refused\"")]
    [InlineData("2")]
    [InlineData("\"timedout\"")]
    public void OutboxLine_OutcomeNotOneName_IsNotRead(string outcome)
    {
        var line = $"{{\"probeId\":\"p/x/1\",\"flowId\":\"p\",\"outcome\":{outcome},\"at\":\"{At:O}\"}}";

        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(line, OutboxJson.Default.ProbeResultDto));

        Assert.Contains("is not one outcome", ex.Message, StringComparison.Ordinal);
    }
}
