using System.Text.RegularExpressions;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>Lists every problem of an estate document, each naming the field and, where there is one, the host.</summary>
public static partial class EstateValidator
{
    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9\-\.]{0,251}[A-Za-z0-9])?$")]
    private static partial Regex HostNamePattern();

    public static EstateLoadResult Validate(EstateDocument document, FlowCatalogue catalogue)
    {
        var errors = new List<string>();
        var switchIds = catalogue.Switches.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var portIds = catalogue.PortSettings.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var roleIds = catalogue.Roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        if (string.IsNullOrWhiteSpace(document.Name)) errors.Add("name: the estate needs a name.");

        foreach (var key in (document.Switches ?? []).Keys.Where(k => !switchIds.Contains(k)))
            errors.Add($"switches.{key}: unknown switch (known: {string.Join(", ", switchIds)}).");

        ValidatePorts(document.Ports, "ports", portIds, errors);

        var hosts = new List<EstateHost>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hostDocuments = document.Hosts ?? [];
        if (document.Hosts is null) errors.Add("hosts: the estate lists no hosts.");
        for (var i = 0; i < hostDocuments.Count; i++)
        {
            var host = hostDocuments[i];
            if (host is null)
            {
                errors.Add($"hosts[{i}]: empty entry.");
                continue;
            }

            var label = string.IsNullOrWhiteSpace(host.Name) ? $"hosts[{i}]" : $"hosts[{i}] ({host.Name})";
            if (string.IsNullOrWhiteSpace(host.Name))
                errors.Add($"{label}.name: every host needs a name.");
            else if (!HostNamePattern().IsMatch(host.Name))
                errors.Add($"{label}.name: '{host.Name}' is not a valid host name.");
            else if (!seen.Add(host.Name))
                errors.Add($"{label}.name: host '{host.Name}' is listed twice.");

            if (host.Address is not null && (string.IsNullOrWhiteSpace(host.Address) || host.Address.Any(char.IsWhiteSpace)))
                errors.Add($"{label}.address: '{host.Address}' is not a host name or IP address.");

            var roles = host.Roles ?? [];
            if (roles.Count == 0) errors.Add($"{label}.roles: a host needs at least one role (known: {string.Join(", ", roleIds)}).");
            for (var r = 0; r < roles.Count; r++)
            {
                if (roles[r] is not { } role || !roleIds.Contains(role))
                    errors.Add($"{label}.roles[{r}]: unknown role '{roles[r]}' (known: {string.Join(", ", roleIds)}).");
            }

            ValidatePorts(host.Ports, $"{label}.ports", portIds, errors);
            hosts.Add(new EstateHost(
                host.Name?.Trim() ?? "",
                string.IsNullOrWhiteSpace(host.Address) ? null : host.Address.Trim(),
                roles.Where(r => r is not null).Select(r => r!).Distinct(StringComparer.Ordinal).ToList(),
                new Dictionary<string, int>(host.Ports ?? [], StringComparer.Ordinal)));
        }

        if (errors.Count > 0) return new EstateLoadResult(null, errors);

        var switches = catalogue.Switches.ToDictionary(s => s.Id, s => s.Default, StringComparer.Ordinal);
        foreach (var (key, value) in document.Switches ?? []) switches[key] = value;

        return new EstateLoadResult(
            new Estate(document.Name!.Trim(), switches, new Dictionary<string, int>(document.Ports ?? [], StringComparer.Ordinal), hosts),
            []);
    }

    private static void ValidatePorts(Dictionary<string, int>? ports, string field, HashSet<string> known, List<string> errors)
    {
        foreach (var (key, port) in ports ?? [])
        {
            if (!known.Contains(key))
                errors.Add($"{field}.{key}: unknown port setting (known: {string.Join(", ", known)}).");
            else if (port is < 1 or > 65535)
                errors.Add($"{field}.{key}: port {port} is outside 1-65535.");
        }
    }
}
