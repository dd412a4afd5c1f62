using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Agent;

/// <summary>Agent settings, bound from the "Agent" section (env: Agent__CentralUrl, ...).</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>Base URL of central, e.g. https://central.example:8443/.</summary>
    public string CentralUrl { get; set; } = "";

    /// <summary>This host's name as the estate lists it. Empty: the machine name.</summary>
    public string HostName { get; set; } = "";

    /// <summary>The roles this host has, reported to central at enrolment (central's estate decides what is probed).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Shared key traded once for this agent's own token.</summary>
    public string EnrolmentKey { get; set; } = "";

    /// <summary>Where the agent keeps its token and its outbox (results waiting for central). Relative paths are under the app's folder.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Shortest time between two pushes to central. A change goes out at once unless a push went out less than this
    /// ago; results that change nothing wait as long as central's plan allows (its reporting policy, a minute at most).
    /// </summary>
    public int PushIntervalSeconds { get; set; } = 5;

    public int PlanRefreshSeconds { get; set; } = 60;

    /// <summary>Results in one batch to central, at most; also the most results in one outbox file.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// Disk the outbox may take while central is away. Past it the oldest results are dropped, with a warning saying
    /// how many. At about 200 bytes a result, 256 MB holds a month of a busy server's probes (docs/benchmarks.md).
    /// </summary>
    public int OutboxMaxMegabytes { get; set; } = 256;

    /// <summary>Probes running at the same moment, at most; the rest wait their turn (a client must stay light).</summary>
    public int MaxConcurrentProbes { get; set; } = 4;

    /// <summary>A TLS certificate expiring within this many days (or expired) marks its link degraded (amber).</summary>
    public int CertificateWarningDays { get; set; } = 14;

    public string EffectiveHostName => string.IsNullOrWhiteSpace(HostName) ? Environment.MachineName : HostName.Trim();
}

/// <summary>Lists every invalid setting with its configuration key.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var s = AgentOptions.Section;
        var errors = new List<string>();
        if (!Uri.TryCreate(options.CentralUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{s}:CentralUrl must be an absolute http(s) URL (is '{options.CentralUrl}').");
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            errors.Add($"{s}:DataDirectory is required.");
        if (options.PushIntervalSeconds is < 1 or > 3600)
            errors.Add($"{s}:PushIntervalSeconds must be between 1 and 3600 (is {options.PushIntervalSeconds}).");
        if (options.PlanRefreshSeconds is < 1 or > 86_400)
            errors.Add($"{s}:PlanRefreshSeconds must be between 1 and 86400 (is {options.PlanRefreshSeconds}).");
        if (options.MaxBatchSize is < 1 or > 5000)
            errors.Add($"{s}:MaxBatchSize must be between 1 and 5000 (is {options.MaxBatchSize}).");
        var catalogue = ShoppingConnectivity.Core.Catalogue.FlowCatalogue.Default;
        for (var i = 0; i < options.Roles.Count; i++)
        {
            if (catalogue.FindRole(options.Roles[i]) is null)
                errors.Add($"{s}:Roles:{i}: unknown role '{options.Roles[i]}' (known: {string.Join(", ", catalogue.Roles.Select(r => r.Id))}).");
        }

        if (options.OutboxMaxMegabytes is < 1 or > 1_048_576)
            errors.Add($"{s}:OutboxMaxMegabytes must be between 1 and 1048576 (is {options.OutboxMaxMegabytes}).");
        if (options.MaxConcurrentProbes is < 1 or > 256)
            errors.Add($"{s}:MaxConcurrentProbes must be between 1 and 256 (is {options.MaxConcurrentProbes}).");
        if (options.CertificateWarningDays is < 0 or > 3650)
            errors.Add($"{s}:CertificateWarningDays must be between 0 and 3650 (is {options.CertificateWarningDays}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
