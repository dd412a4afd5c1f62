using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates.Pages;

/// <summary>The host form's values, and the estate document they make when put in place of (or after) the hosts.</summary>
public sealed class HostEditModel
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public IReadOnlyCollection<string> Roles { get; set; } = [];
    /// <summary>Per port setting of the catalogue; null keeps the estate-wide (or catalogue) port.</summary>
    public Dictionary<string, int?> Ports { get; } = new(StringComparer.Ordinal);
    /// <summary>The host's own dynamic RPC range ("5000-5100"); empty keeps the estate's.</summary>
    public string? RpcDynamicPorts { get; set; }

    public static HostEditModel From(EstateHost? host, FlowCatalogue catalogue)
    {
        var model = new HostEditModel
        {
            Name = host?.Name, Address = host?.Address, Roles = host?.Roles.ToList() ?? [], RpcDynamicPorts = host?.RpcDynamicPorts?.ToString(),
        };
        foreach (var setting in catalogue.PortSettings)
            model.Ports[setting.Id] = host?.Ports.TryGetValue(setting.Id, out var port) == true ? port : null;
        return model;
    }

    public EstateHostDocument ToDocument(FlowCatalogue catalogue)
    {
        var ports = Ports.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value, StringComparer.Ordinal);
        return new EstateHostDocument
        {
            Name = Name?.Trim(),
            Address = string.IsNullOrWhiteSpace(Address) ? null : Address,
            // Catalogue order, so the stored estate does not depend on the order roles were ticked in.
            Roles = catalogue.Roles.Select(r => r.Id).Where(id => Roles.Contains(id, StringComparer.Ordinal)).Select(id => (string?)id).ToList(),
            Ports = ports.Count == 0 ? null : ports,
            RpcDynamicPorts = string.IsNullOrWhiteSpace(RpcDynamicPorts) ? null : RpcDynamicPorts.Trim(),
        };
    }

    /// <summary>The estate with this host at <paramref name="index"/> (replacing the host there, or added when index is the host count).</summary>
    public EstateDocument PutInto(Estate estate, int index, FlowCatalogue catalogue)
    {
        var document = EstateDocument.From(estate);
        var hosts = document.Hosts!;
        if (index < hosts.Count) hosts[index] = ToDocument(catalogue);
        else hosts.Add(ToDocument(catalogue));
        return document;
    }
}
