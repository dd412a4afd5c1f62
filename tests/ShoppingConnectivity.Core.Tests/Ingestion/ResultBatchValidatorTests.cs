using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Ingestion;

namespace ShoppingConnectivity.Core.Tests.Ingestion;

public class ResultBatchValidatorTests
{
    private const int MaxResults = 500;
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly ProbeResultDto Good = new(
        "website-shoppingdb-sql/sql01/1433",
        "website-shoppingdb-sql",
        ProbeOutcome.Reachable,
        12.5,
        null,
        Now - TimeSpan.FromMinutes(1));

    [Fact]
    public void Validate_ValidBatch_GivesNoErrors()
    {
        var batch = Batch(
            Good,
            Good with { ProbeId = "client-tachyon-http/pc0001/8000", FlowId = "client-tachyon-http", Outcome = ProbeOutcome.TimedOut, LatencyMs = null, Detail = "no answer in 3000 ms" });

        Assert.Empty(Validate(batch));
    }

    [Fact]
    public void Validate_ValuesOnTheLimits_GiveNoErrors()
    {
        var batch = Batch(
            Good with { LatencyMs = 0 },
            Good with { LatencyMs = 3_600_000 },
            Good with { Detail = new string('x', ResultBatchValidator.MaxDetailLength) },
            Good with { At = Now + ResultBatchValidator.MaxFuture },
            Good with { At = Now - ResultBatchValidator.MaxAge });

        Assert.Empty(Validate(batch));
    }

    [Fact]
    public void Validate_EmptyBatchId_NamesBatchId()
    {
        var batch = new ResultBatch(Guid.Empty, [Good]);

        Assert.StartsWith("batchId:", Assert.Single(Validate(batch)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoResults_NamesResults()
    {
        Assert.Equal("results: the batch holds no results.", Assert.Single(Validate(Batch())));
    }

    [Fact]
    public void Validate_NullResults_NamesResults()
    {
        var batch = new ResultBatch(Guid.NewGuid(), null!);

        Assert.Equal("results: the batch holds no results.", Assert.Single(Validate(batch)));
    }

    [Fact]
    public void Validate_TooManyResults_NamesResultsAndTheLimit()
    {
        var batch = Batch(Good, Good, Good);

        var error = Assert.Single(ResultBatchValidator.Validate(batch, Catalogue, Now, maxResults: 2));

        Assert.StartsWith("results: 3 results is more than the 2 allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullEntry_NamesItsIndex()
    {
        var batch = Batch(Good, null!);

        Assert.Equal("results[1]: empty entry.", Assert.Single(Validate(batch)));
    }

    [Theory]
    [InlineData("no-such-flow")]
    [InlineData("")]
    [InlineData("WEBSITE-SHOPPINGDB-SQL")]
    public void Validate_UnknownFlowId_NamesFlowId(string flowId)
    {
        var batch = Batch(Good, Good with { FlowId = flowId });

        var error = Assert.Single(Validate(batch));

        Assert.StartsWith("results[1].flowId: unknown flow", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("central-shoppingdb-sql/sql01/1433")]
    [InlineData("website-shoppingdb-sql-old/sql01/1433")]
    [InlineData("website-shoppingdb-sql")]
    public void Validate_ProbeIdOfAnotherFlow_NamesProbeId(string probeId)
    {
        var batch = Batch(Good with { ProbeId = probeId });

        var error = Assert.Single(Validate(batch));

        Assert.StartsWith($"results[0].probeId: '{probeId}' does not belong to flow 'website-shoppingdb-sql'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingProbeId_NamesProbeId()
    {
        var batch = Batch(Good with { ProbeId = " " });

        Assert.Contains("results[0].probeId: required, at most 600 characters.", Validate(batch));
    }

    [Fact]
    public void Validate_OverlongProbeId_NamesProbeId()
    {
        var batch = Batch(Good with { ProbeId = Good.ProbeId + new string('x', 600) });

        Assert.Equal("results[0].probeId: required, at most 600 characters.", Assert.Single(Validate(batch)));
    }

    [Fact]
    public void Validate_UnknownOutcome_NamesOutcome()
    {
        var batch = Batch(Good with { Outcome = (ProbeOutcome)99 });

        Assert.Equal("results[0].outcome: unknown outcome.", Assert.Single(Validate(batch)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(3_600_000.5)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_LatencyOutOfRange_NamesLatencyMs(double latency)
    {
        var batch = Batch(Good with { LatencyMs = latency });

        var error = Assert.Single(Validate(batch));

        Assert.StartsWith("results[0].latencyMs:", error, StringComparison.Ordinal);
        Assert.EndsWith("is not between 0 and 3600000.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DetailTooLong_NamesDetail()
    {
        var batch = Batch(Good with { Detail = new string('x', ResultBatchValidator.MaxDetailLength + 1) });

        Assert.Equal("results[0].detail: longer than 2000 characters.", Assert.Single(Validate(batch)));
    }

    [Fact]
    public void Validate_AtTooFarInTheFuture_NamesAt()
    {
        var batch = Batch(Good with { At = Now + ResultBatchValidator.MaxFuture + TimeSpan.FromSeconds(1) });

        var error = Assert.Single(Validate(batch));

        Assert.StartsWith("results[0].at:", error, StringComparison.Ordinal);
        Assert.Contains("in the future", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AtTooFarInThePast_NamesAt()
    {
        var batch = Batch(Good with { At = Now - ResultBatchValidator.MaxAge - TimeSpan.FromSeconds(1) });

        var error = Assert.Single(Validate(batch));

        Assert.StartsWith("results[0].at:", error, StringComparison.Ordinal);
        Assert.Contains("older than 30 days", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadResults_ListsEachWithItsIndex()
    {
        var batch = new ResultBatch(
            Guid.Empty,
            [
                Good,
                Good with { FlowId = "no-such-flow" },
                Good with { LatencyMs = -5, Detail = new string('x', 2001) },
            ]);

        Assert.Collection(
            Validate(batch),
            e => Assert.StartsWith("batchId:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("results[1].flowId:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("results[2].latencyMs:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("results[2].detail:", e, StringComparison.Ordinal));
    }

    private static readonly Dictionary<string, string> Web01Probes = new(StringComparer.Ordinal)
    {
        ["website-shoppingdb-sql/sql01/1433"] = "website-shoppingdb-sql",
        ["website-dc-ldap/dc01/389"] = "website-dc-ldap",
    };

    [Fact]
    public void ValidateProbes_EveryProbeGiven_GivesNoErrors()
    {
        var batch = Batch(Good, Good with { ProbeId = "website-dc-ldap/dc01/389", FlowId = "website-dc-ldap" }, Good);

        Assert.Empty(ResultBatchValidator.ValidateProbes(batch, Web01Probes, "web01", TimeSpan.FromDays(30)));
    }

    [Fact]
    public void ValidateProbes_ProbesNotGiven_NamesEachByIndexAndTheWindow()
    {
        var batch = Batch(
            Good,
            Good with { ProbeId = "website-shoppingdb-sql/sql02/1433" },
            Good with { ProbeId = "client-website-http/web01/80", FlowId = "client-website-http" },
            Good with { FlowId = "website-dc-ldap" });

        Assert.Equal(
            [
                "results[1].probeId: 'website-shoppingdb-sql/sql02/1433' is not in agent web01's plan, nor in a plan it had in the last 30 days.",
                "results[2].flowId: flow 'client-website-http' is not in agent web01's plan, nor in a plan it had in the last 30 days.",
                "results[3].flowId: 'website-dc-ldap' is not the flow of probe 'website-shoppingdb-sql/sql01/1433' ('website-shoppingdb-sql').",
            ],
            ResultBatchValidator.ValidateProbes(batch, Web01Probes, "web01", TimeSpan.FromDays(30)));
    }

    [Fact]
    public void ValidateProbes_AgentWithoutProbes_RefusesEveryResult()
    {
        var errors = ResultBatchValidator.ValidateProbes(Batch(Good, Good), new Dictionary<string, string>(), "pc01", TimeSpan.FromDays(30));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Contains("flow 'website-shoppingdb-sql' is not in agent pc01's plan", e, StringComparison.Ordinal));
    }

    private static ResultBatch Batch(params ProbeResultDto[] results) => new(Guid.NewGuid(), results);

    private static IReadOnlyList<string> Validate(ResultBatch batch) =>
        ResultBatchValidator.Validate(batch, Catalogue, Now, MaxResults);
}
