using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Estates.Pages;

/// <summary>
/// The host page's state over the estate in force: which host the form edits (or adds), what Core's validator says
/// about each field with the form in place, the plan it makes, and what a refused save tells.
/// </summary>
public sealed class HostEditPageModel(FlowCatalogue catalogue)
{
    private bool _submitted;
    private bool _rolesTouched;

    /// <summary>The route's host; null: a new one.</summary>
    public string? Name { get; private set; }

    public HostEditModel Form { get; private set; } = new();

    /// <summary>Where the host is in the estate's list: the host count for a new one, -1 for one it does not have.</summary>
    public int Index { get; private set; }

    /// <summary>The estate version the form was read from: a save over a newer one is refused.</summary>
    public long Version { get; private set; }

    public bool Missing => Index < 0;

    public string Title => Name is null ? "Add host" : $"Edit host {Name}";

    /// <summary>Why the last save was refused; null: it was not.</summary>
    public string? Message { get; private set; }

    /// <summary>Problems a save met outside this host's fields.</summary>
    public IReadOnlyList<string> Elsewhere { get; private set; } = [];

    public void Load(string? name, Estate estate, long version)
    {
        Name = name;
        Version = version;
        var host = name is null ? null : estate.FindHost(name);
        Index = name is null ? estate.Hosts.Count : host is null ? -1 : estate.Hosts.ToList().IndexOf(host);
        Form = HostEditModel.From(host, catalogue);
    }

    /// <summary>The estate with the form in place of the host (or after the hosts).</summary>
    public EstateDocument Document(Estate estate) => Form.PutInto(estate, Index, catalogue);

    /// <summary>What Core's validator says about one field of this host ("name", "roles", "ports.x").</summary>
    public IReadOnlyList<string> MessagesFor(string field, Estate estate) =>
        EstateProblems.ForHost(Check(estate).Problems, Index).GetValueOrDefault(field) ?? [];

    /// <summary>The roles select validates when it first renders too: an untouched new form shows no error until Save.</summary>
    public IReadOnlyList<string> RoleMessages(Estate estate) => _submitted || _rolesTouched ? MessagesFor("roles", estate) : [];

    public void SetRoles(IEnumerable<string?>? roles)
    {
        var chosen = roles?.Where(r => r is not null).Select(r => r!).ToList() ?? [];
        _rolesTouched |= !chosen.ToHashSet(StringComparer.Ordinal).SetEquals(Form.Roles);
        Form.Roles = chosen;
    }

    public string RoleName(string id) => catalogue.FindRole(id)?.Name ?? id;

    /// <summary>The port the host gets when its field is empty.</summary>
    public static string Inherited(PortSetting setting, Estate estate) =>
        estate.Ports.TryGetValue(setting.Id, out var port) ? $"{port} (estate)" : $"{setting.Default} (default)";

    /// <summary>The dynamic RPC range the host gets when its field is empty.</summary>
    public static string InheritedRpcDynamicPorts(Estate estate) =>
        estate.RpcDynamicPorts is { } range ? $"{range} (estate)" : $"{RpcPortRange.WindowsDefault} (Windows' default)";

    /// <summary>The probes this host's agent would run once saved; null while the form is invalid.</summary>
    public IReadOnlyList<PlannedProbe>? Preview(Estate estate, ProbeDefaults defaults)
    {
        var result = Check(estate);
        return result.Succeeded ? PlanBuilder.ProbesFor(catalogue, result.Estate!, result.Estate!.Hosts[Index], defaults) : null;
    }

    /// <summary>Save was pressed: every field shows its errors from now on.</summary>
    public void Submit()
    {
        _submitted = true;
        Message = null;
        Elsewhere = [];
    }

    /// <summary>Whether the form may be saved; if not, says why.</summary>
    public bool CanSave(bool formValid, Estate estate)
    {
        var problems = Check(estate).Problems;
        if (formValid && problems.Count == 0) return true;
        Elsewhere = EstateProblems.Elsewhere(problems, Index);
        Message = "Not saved: fix the fields marked above" + (Elsewhere.Count > 0 ? ", and these problems elsewhere in the estate:" : ".");
        return false;
    }

    /// <summary>Takes the store's answer; false when it refused the save.</summary>
    public bool Saved(EstateSaveResult result)
    {
        if (result.Succeeded) return true;
        Elsewhere = EstateProblems.Elsewhere(result.Problems, Index);
        Message = result.Message;
        return false;
    }

    public string SavedText(EstateSaveResult result) =>
        result.Status == EstateSaveStatus.Unchanged ? "No change." : $"{Form.Name} saved (estate version {result.Version}).";

    private EstateLoadResult Check(Estate estate) => EstateValidator.Validate(Document(estate), catalogue);
}
