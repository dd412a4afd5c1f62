using System.Text.Json;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>
/// Every network flow Shopping needs, as shipped data (Catalogue/catalogue.json), never hard-coded in UI or probes.
/// </summary>
public sealed record FlowCatalogue(
    int Schema,
    string Version,
    string Source,
    IReadOnlyList<RoleDefinition> Roles,
    IReadOnlyList<SwitchDefinition> Switches,
    IReadOnlyList<PortSetting> PortSettings,
    IReadOnlyList<Flow> Flows)
{
    private const string ResourceName = "ShoppingConnectivity.Core.catalogue.json";

    /// <summary>The catalogue's JSON settings (web defaults, indented, nulls written); source-generated, no reflection.</summary>
    public static JsonSerializerOptions JsonOptions => CatalogueJson.Default.Options;

    private static readonly Lazy<FlowCatalogue> Shipped = new(LoadShipped);

    /// <summary>The catalogue that ships with this build.</summary>
    public static FlowCatalogue Default => Shipped.Value;

    public Flow? FindFlow(string id) => Flows.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));

    public RoleDefinition? FindRole(string id) =>
        Roles.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    public static FlowCatalogue Parse(string json)
    {
        var catalogue = JsonSerializer.Deserialize(json, CatalogueJson.Default.FlowCatalogue)
            ?? throw new InvalidDataException("The catalogue file is empty.");
        var errors = catalogue.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidDataException("The catalogue is inconsistent: " + string.Join("; ", errors));
        }

        return catalogue;
    }

    /// <summary>Checks the references inside the file, so a bad edit of the data fails loudly at load.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        // Deserialisation leaves lists missing from the file null; name them instead of failing on them below.
        if (Roles is null || Switches is null || PortSettings is null || Flows is null)
        {
            return ["the catalogue needs the lists roles, switches, portSettings and flows"];
        }

        foreach (var flow in Flows.Where(f => f.Ports is null || f.When is null || f.Seed is null))
        {
            errors.Add($"flows['{flow.Id}']: needs the lists ports, when and seed (empty where there are none)");
        }

        if (errors.Count > 0) return errors;
        var roleIds = Roles.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var switchIds = Switches.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var portSettingIds = PortSettings.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in Flows.GroupBy(f => f.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"flow id '{duplicate.Key}' is used {duplicate.Count()} times");
        }

        // Role ids become CSS selectors and URL parts in central: letters and digits only.
        foreach (var role in Roles.Where(r => string.IsNullOrEmpty(r.Id) || !char.IsAsciiLetter(r.Id[0]) || !r.Id.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add($"roles['{role.Id}'].id: must start with a letter and hold only letters and digits");
        }

        foreach (var role in Roles.Where(r => r.Layout is { } l && (l.Column < 0 || l.Row < 0 || l.Column > 20 || l.Row > 20)))
        {
            errors.Add($"roles['{role.Id}'].layout: column and row must lie between 0 and 20");
        }

        foreach (var clash in Roles.Where(r => r.Layout is not null).GroupBy(r => r.Layout).Where(g => g.Count() > 1))
        {
            errors.Add($"roles {string.Join(", ", clash.Select(r => $"'{r.Id}'"))}: share the layout cell ({clash.Key!.Column}, {clash.Key.Row})");
        }

        foreach (var flow in Flows)
        {
            if (!roleIds.Contains(flow.From)) errors.Add($"flows['{flow.Id}'].from: unknown role '{flow.From}'");
            if (!roleIds.Contains(flow.To)) errors.Add($"flows['{flow.Id}'].to: unknown role '{flow.To}'");
            if (flow.Ports.Count == 0 || flow.Ports.Any(p => p is < 1 or > 65535))
                errors.Add($"flows['{flow.Id}'].ports: needs one or more ports between 1 and 65535");
            if (flow.PortSetting is not null && !portSettingIds.Contains(flow.PortSetting))
                errors.Add($"flows['{flow.Id}'].portSetting: unknown port setting '{flow.PortSetting}'");
            if (flow.PortSetting is not null && flow.Ports.Count != 1)
                errors.Add($"flows['{flow.Id}'].portSetting: only a single-port flow can have a configurable port");
            foreach (var requirement in flow.When.Where(w => !switchIds.Contains(w.Switch)))
                errors.Add($"flows['{flow.Id}'].when: unknown switch '{requirement.Switch}'");
            if (flow.Seed.Count == 0) errors.Add($"flows['{flow.Id}'].seed: names no row of the source document");
            foreach (var port in flow.Ports.Where(p => !ProbeKinds.IsKnown(flow.ProbeFor(p))))
                errors.Add($"flows['{flow.Id}']: port {port} has probe kind '{flow.ProbeFor(port)}', not one of {string.Join(", ", ProbeKinds.All)}");
            foreach (var key in (flow.PortProbes?.Keys ?? []).Where(k => !flow.Ports.Any(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture) == k)))
                errors.Add($"flows['{flow.Id}'].portProbes: '{key}' is not one of the flow's ports");
            if (flow.Discovery is { } d)
            {
                if (!roleIds.Contains(d.Role)) errors.Add($"flows['{flow.Id}'].discovery.role: unknown role '{d.Role}'");
                if (d.PortSetting is not null && !portSettingIds.Contains(d.PortSetting))
                    errors.Add($"flows['{flow.Id}'].discovery.portSetting: unknown port setting '{d.PortSetting}'");
                if (!d.Path.StartsWith('/')) errors.Add($"flows['{flow.Id}'].discovery.path: must start with '/'");
            }
        }

        return errors;
    }

    private static FlowCatalogue LoadShipped()
    {
        using var stream = typeof(FlowCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
