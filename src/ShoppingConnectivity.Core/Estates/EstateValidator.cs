using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>Lists every problem of an estate document, each naming the field and, where there is one, the host.</summary>
public static class EstateValidator
{
    public static EstateLoadResult Validate(EstateDocument document, FlowCatalogue catalogue)
    {
        var errors = new List<EstateProblem>();
        var switchIds = catalogue.Switches.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var portIds = catalogue.PortSettings.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var roleIds = catalogue.Roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        if (string.IsNullOrWhiteSpace(document.Name)) Add(errors, null, null, "name", "the estate needs a name.");

        foreach (var key in (document.Switches ?? []).Keys.Where(k => !switchIds.Contains(k)))
            Add(errors, null, null, $"switches.{key}", $"unknown switch (known: {string.Join(", ", switchIds)}).");

        ValidatePorts(document.Ports, null, null, portIds, errors);
        var rpcDynamicPorts = ValidateRpcRange(document.RpcDynamicPorts, null, null, errors);

        var hosts = new List<EstateHost>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hostDocuments = document.Hosts ?? [];
        if (document.Hosts is null) Add(errors, null, null, "hosts", "the estate lists no hosts.");
        for (var i = 0; i < hostDocuments.Count; i++)
        {
            var host = hostDocuments[i];
            if (host is null)
            {
                errors.Add(new EstateProblem(i, "", "empty entry.", $"hosts[{i}]: empty entry."));
                continue;
            }

            var label = string.IsNullOrWhiteSpace(host.Name) ? $"hosts[{i}]" : $"hosts[{i}] ({host.Name})";
            if (string.IsNullOrWhiteSpace(host.Name))
                Add(errors, i, label, "name", "every host needs a name.");
            else if (!HostNames.IsValid(host.Name))
                Add(errors, i, label, "name", $"'{host.Name}' is not a valid host name ({HostNames.Rule}).");
            else if (!seen.Add(host.Name))
                Add(errors, i, label, "name", $"host '{host.Name}' is listed twice.");

            if (host.Address is not null && (string.IsNullOrWhiteSpace(host.Address) || host.Address.Any(char.IsWhiteSpace)))
                Add(errors, i, label, "address", $"'{host.Address}' is not a host name or IP address.");

            var roles = host.Roles ?? [];
            if (roles.Count == 0) Add(errors, i, label, "roles", $"a host needs at least one role (known: {string.Join(", ", roleIds)}).");
            for (var r = 0; r < roles.Count; r++)
            {
                if (roles[r] is not { } role || !roleIds.Contains(role))
                    Add(errors, i, label, $"roles[{r}]", $"unknown role '{roles[r]}' (known: {string.Join(", ", roleIds)}).");
            }

            ValidatePorts(host.Ports, i, label, portIds, errors);
            var hostRpcDynamicPorts = ValidateRpcRange(host.RpcDynamicPorts, i, label, errors);
            hosts.Add(new EstateHost(
                host.Name?.Trim() ?? "",
                string.IsNullOrWhiteSpace(host.Address) ? null : host.Address.Trim(),
                roles.Where(r => r is not null).Select(r => r!).Distinct(StringComparer.Ordinal).ToList(),
                new Dictionary<string, int>(host.Ports ?? [], StringComparer.Ordinal))
            {
                RpcDynamicPorts = hostRpcDynamicPorts,
            });
        }

        if (errors.Count > 0) return new EstateLoadResult(null, errors.Select(e => e.Text).ToList(), errors);

        var switches = catalogue.Switches.ToDictionary(s => s.Id, s => s.Default, StringComparer.Ordinal);
        foreach (var (key, value) in document.Switches ?? []) switches[key] = value;

        return new EstateLoadResult(
            new Estate(document.Name!.Trim(), switches, new Dictionary<string, int>(document.Ports ?? [], StringComparer.Ordinal), hosts)
            {
                RpcDynamicPorts = rpcDynamicPorts,
            },
            []);
    }

    private static void ValidatePorts(Dictionary<string, int>? ports, int? hostIndex, string? label, HashSet<string> known, List<EstateProblem> errors)
    {
        foreach (var (key, port) in ports ?? [])
        {
            if (!known.Contains(key))
                Add(errors, hostIndex, label, $"ports.{key}", $"unknown port setting (known: {string.Join(", ", known)}).");
            else if (port is < 1 or > 65535)
                Add(errors, hostIndex, label, $"ports.{key}", $"port {port} is outside 1-65535.");
        }
    }

    /// <summary>The range, or null when it is not set or wrong (then the error is listed).</summary>
    private static RpcPortRange? ValidateRpcRange(string? text, int? hostIndex, string? label, List<EstateProblem> errors)
    {
        if (text is null) return null;
        const string field = "rpcDynamicPorts";
        if (!RpcPortRange.TryParse(text, out var range))
            Add(errors, hostIndex, label, field, $"'{text}' is not a port range ({RpcPortRange.Rule}).");
        else if (range.Low > range.High)
            Add(errors, hostIndex, label, field, $"'{text}' starts above its end ({RpcPortRange.Rule}).");
        else if (!range.IsValid)
            Add(errors, hostIndex, label, field, $"'{text}' is outside {RpcPortRange.MinLow}-{RpcPortRange.MaxHigh} (Windows gives dynamic RPC ports above 1024).");
        else
            return range;
        return null;
    }

    /// <summary>The full text: "{host label}.{field}: {message}", or "{field}: {message}" for the estate.</summary>
    private static void Add(List<EstateProblem> errors, int? hostIndex, string? label, string field, string message) =>
        errors.Add(new EstateProblem(hostIndex, field, message, label is null ? $"{field}: {message}" : $"{label}.{field}: {message}"));
}
