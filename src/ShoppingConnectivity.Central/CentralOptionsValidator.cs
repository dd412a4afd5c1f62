using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Agents;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central;

/// <summary>Lists every invalid setting with its configuration key, so one start shows them all.</summary>
public sealed class CentralOptionsValidator(FlowCatalogue catalogue) : IValidateOptions<CentralOptions>
{
    public ValidateOptionsResult Validate(string? name, CentralOptions options)
    {
        var errors = new List<string>();
        var s = CentralOptions.Section;
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            errors.Add($"{s}:DataDirectory is required.");
        // A bootstrap key is shared by every agent and typed by people: reject what could be guessed.
        if (options.EnrolmentKey is { Length: > 0 } bootstrapKey && KeyStrength.Weakness(bootstrapKey) is { } weakness)
            errors.Add($"{s}:EnrolmentKey is too weak: it {weakness}");
        if (options.ProbeIntervalSeconds is < 1 or > 86_400)
            errors.Add($"{s}:ProbeIntervalSeconds must be between 1 and 86400 (is {options.ProbeIntervalSeconds}).");
        if (options.ProbeTimeoutMs is < 50 or > 120_000)
            errors.Add($"{s}:ProbeTimeoutMs must be between 50 and 120000 (is {options.ProbeTimeoutMs}).");
        if (options.ProbeTimeoutMs >= options.ProbeIntervalSeconds * 1000)
            errors.Add($"{s}:ProbeTimeoutMs ({options.ProbeTimeoutMs}) must be shorter than {s}:ProbeIntervalSeconds ({options.ProbeIntervalSeconds} s).");
        if (options.StaleAfterIntervals is < 1 or > 1000)
            errors.Add($"{s}:StaleAfterIntervals must be between 1 and 1000 (is {options.StaleAfterIntervals}).");
        if (options.ClientBrokenShare is <= 0 or > 1)
            errors.Add($"{s}:ClientBrokenShare must be above 0 and at most 1 (is {options.ClientBrokenShare}).");
        if (options.ClientAmberShare is < 0 or >= 1)
            errors.Add($"{s}:ClientAmberShare must be at least 0 and below 1 (is {options.ClientAmberShare}).");
        else if (options.ClientAmberShare >= options.ClientBrokenShare)
            errors.Add($"{s}:ClientAmberShare ({options.ClientAmberShare}) must be below {s}:ClientBrokenShare ({options.ClientBrokenShare}).");
        if (options.ServerBrokenShare is < 0 or > 1)
            errors.Add($"{s}:ServerBrokenShare must be between 0 (any failing link) and 1 (is {options.ServerBrokenShare}).");
        if (options.Blame.MinSources is < 2 or > 1_000_000)
            errors.Add($"{s}:Blame:MinSources must be between 2 and 1000000 (is {options.Blame.MinSources}).");
        if (options.Blame.Share is <= 0 or > 1)
            errors.Add($"{s}:Blame:Share must be above 0 and at most 1 (is {options.Blame.Share}).");
        if (options.MaxResultsPerBatch is < 1 or > 100_000)
            errors.Add($"{s}:MaxResultsPerBatch must be between 1 and 100000 (is {options.MaxResultsPerBatch}).");
        if (options.LiveUpdateMilliseconds is < 10 or > 10_000)
            errors.Add($"{s}:LiveUpdateMilliseconds must be between 10 and 10000 (is {options.LiveUpdateMilliseconds}).");
        if (options.FreshnessCheckSeconds is < 1 or > 3600)
            errors.Add($"{s}:FreshnessCheckSeconds must be between 1 and 3600 (is {options.FreshnessCheckSeconds}).");
        foreach (var (flowId, flow) in options.Flows)
        {
            var key = $"{s}:Flows:{flowId}";
            if (catalogue.FindFlow(flowId) is null)
            {
                errors.Add($"{key}: unknown flow '{flowId}' (see GET /api/v1/catalogue for the flow ids).");
                continue;
            }

            var interval = flow.IntervalSeconds ?? options.ProbeIntervalSeconds;
            var timeout = flow.TimeoutMs ?? options.ProbeTimeoutMs;
            if (flow.IntervalSeconds is < 1 or > 86_400)
                errors.Add($"{key}:IntervalSeconds must be between 1 and 86400 (is {flow.IntervalSeconds}).");
            if (flow.TimeoutMs is < 50 or > 120_000)
                errors.Add($"{key}:TimeoutMs must be between 50 and 120000 (is {flow.TimeoutMs}).");
            else if (timeout >= interval * 1000 && (flow.TimeoutMs is not null || flow.IntervalSeconds is not null))
                errors.Add($"{key}: the timeout ({timeout} ms) must be shorter than the interval ({interval} s).");
        }

        if (options.PublicUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"{s}:PublicUrl must be an absolute http or https address (is '{url}').");
        if (options.EstatePath is { Length: > 0 } path && !File.Exists(path))
            errors.Add($"{s}:EstatePath: file '{path}' does not exist.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
