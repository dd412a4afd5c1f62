using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Ingestion;

/// <summary>Checks a batch of results before anything is stored; every error names the field at fault.</summary>
public static class ResultBatchValidator
{
    /// <summary>Results older than this are refused: they would rewrite history nobody keeps raw any more.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <summary>Clock skew tolerated between agent and central.</summary>
    public static readonly TimeSpan MaxFuture = TimeSpan.FromMinutes(5);

    public const int MaxDetailLength = 2000;

    public static IReadOnlyList<string> Validate(ResultBatch batch, FlowCatalogue catalogue, DateTimeOffset now, int maxResults)
    {
        var errors = new List<string>();
        if (batch.BatchId == Guid.Empty) errors.Add("batchId: must be a non-empty GUID.");
        if (batch.Results is null || batch.Results.Count == 0)
        {
            errors.Add("results: the batch holds no results.");
            return errors;
        }

        if (batch.Results.Count > maxResults)
        {
            errors.Add($"results: {batch.Results.Count} results is more than the {maxResults} allowed in one batch; split it.");
            return errors;
        }

        for (var i = 0; i < batch.Results.Count; i++)
        {
            var r = batch.Results[i];
            if (r is null)
            {
                errors.Add($"results[{i}]: empty entry.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(r.ProbeId) || r.ProbeId.Length > 600)
                errors.Add($"results[{i}].probeId: required, at most 600 characters.");
            if (string.IsNullOrWhiteSpace(r.FlowId) || catalogue.FindFlow(r.FlowId) is null)
                errors.Add($"results[{i}].flowId: unknown flow '{r.FlowId}'.");
            else if (r.ProbeId is not null && !r.ProbeId.StartsWith(r.FlowId + "/", StringComparison.Ordinal))
                errors.Add($"results[{i}].probeId: '{r.ProbeId}' does not belong to flow '{r.FlowId}'.");
            if (!Enum.IsDefined(r.Outcome))
                errors.Add($"results[{i}].outcome: unknown outcome.");
            if (r.LatencyMs is { } latency && (double.IsNaN(latency) || latency < 0 || latency > 3_600_000))
                errors.Add($"results[{i}].latencyMs: {latency} is not between 0 and 3600000.");
            if (r.Detail is { Length: > MaxDetailLength })
                errors.Add($"results[{i}].detail: longer than {MaxDetailLength} characters.");
            if (r.At > now + MaxFuture)
                errors.Add($"results[{i}].at: {r.At:O} is in the future (central's clock says {now:O}).");
            else if (r.At < now - MaxAge)
                errors.Add($"results[{i}].at: {r.At:O} is older than {MaxAge.TotalDays:N0} days.");
        }

        return errors;
    }

    /// <summary>
    /// Checks that every result is of a probe the agent was given (run after <see cref="Validate"/>): a batch of a
    /// forged probe id or of a flow the agent does not run is refused. <paramref name="flowByProbe"/> maps the probes
    /// of the agent's current plan, and of the plans it had within <paramref name="window"/>, to their flows.
    /// </summary>
    public static IReadOnlyList<string> ValidateProbes(ResultBatch batch, IReadOnlyDictionary<string, string> flowByProbe, string agentId, TimeSpan window)
    {
        var errors = new List<string>();
        HashSet<string>? flows = null;
        var plans = $"agent {agentId}'s plan, nor in a plan it had in the last {window.TotalDays:0} days";
        for (var i = 0; i < batch.Results.Count; i++)
        {
            var r = batch.Results[i];
            if (flowByProbe.TryGetValue(r.ProbeId, out var flow))
            {
                if (flow != r.FlowId) errors.Add($"results[{i}].flowId: '{r.FlowId}' is not the flow of probe '{r.ProbeId}' ('{flow}').");
                continue;
            }

            flows ??= flowByProbe.Values.ToHashSet(StringComparer.Ordinal);
            errors.Add(flows.Contains(r.FlowId)
                ? $"results[{i}].probeId: '{r.ProbeId}' is not in {plans}."
                : $"results[{i}].flowId: flow '{r.FlowId}' is not in {plans}.");
        }

        return errors;
    }
}
