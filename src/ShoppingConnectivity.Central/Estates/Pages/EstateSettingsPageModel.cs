using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates.Pages;

/// <summary>The estate's name, switches, ports and dynamic RPC range as the settings form edits them, checked by Core's rules.</summary>
public sealed class EstateSettingsPageModel(FlowCatalogue catalogue)
{
    public string? Name { get; set; }

    /// <summary>Every switch of the catalogue, on or off.</summary>
    public Dictionary<string, bool> Switches { get; } = new(StringComparer.Ordinal);

    /// <summary>Every port setting of the catalogue; null keeps the catalogue's default.</summary>
    public Dictionary<string, int?> Ports { get; } = new(StringComparer.Ordinal);

    /// <summary>The hosts' dynamic RPC range ("49152-65535"); empty: Windows' default.</summary>
    public string? RpcDynamicPorts { get; set; }

    /// <summary>The estate version the form was read from: a save over a newer one is refused.</summary>
    public long Version { get; private set; }

    /// <summary>Why the last save was refused; null: it was not.</summary>
    public string? Message { get; set; }

    /// <summary>The estate in force into the form; an estate never saved has no name yet.</summary>
    public void Load(Estate estate, long version)
    {
        Version = version;
        Name = version == 0 ? "" : estate.Name;
        foreach (var s in catalogue.Switches) Switches[s.Id] = estate.Switches.GetValueOrDefault(s.Id, s.Default);
        foreach (var p in catalogue.PortSettings) Ports[p.Id] = estate.Ports.TryGetValue(p.Id, out var port) ? port : null;
        RpcDynamicPorts = estate.RpcDynamicPorts?.ToString();
        Message = null;
    }

    /// <summary>The estate with the form's name, switches and ports; its hosts as they are.</summary>
    public EstateDocument Document(Estate estate)
    {
        var document = EstateDocument.From(estate);
        document.Name = Name;
        document.Switches = new Dictionary<string, bool>(Switches);
        document.Ports = Ports.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value);
        document.RpcDynamicPorts = string.IsNullOrWhiteSpace(RpcDynamicPorts) ? null : RpcDynamicPorts.Trim();
        return document;
    }

    /// <summary>What Core's validator says about one estate-wide field ("name", "ports.x", "rpcDynamicPorts").</summary>
    public IReadOnlyList<string> MessagesFor(string field, Estate estate) =>
        EstateProblems.ForEstate(EstateValidator.Validate(Document(estate), catalogue).Problems).GetValueOrDefault(field) ?? [];

    /// <summary>Takes the store's answer; false when it refused the save.</summary>
    public bool Saved(EstateSaveResult result)
    {
        if (!result.Succeeded)
        {
            Message = string.Join(" ", result.Errors);
            return false;
        }

        Version = result.Version;
        return true;
    }

    public static string SavedText(EstateSaveResult result) =>
        result.Status == EstateSaveStatus.Unchanged ? "No change." : $"Switches and ports saved (estate version {result.Version}).";
}
