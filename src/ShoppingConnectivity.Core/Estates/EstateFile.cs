using System.Text.Json;
using ShoppingConnectivity.Core.Catalogue;
using YamlDotNet.Core;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>Reads an estate from JSON or YAML text and validates it against the catalogue.</summary>
public static class EstateFile
{
    /// <summary>Parses <paramref name="text"/>; YAML when <paramref name="fileName"/> ends in .yml/.yaml, JSON otherwise.</summary>
    public static EstateLoadResult Parse(string text, string fileName, FlowCatalogue catalogue)
    {
        EstateDocument? document;
        try
        {
            document = IsYaml(fileName) ? EstateYaml.Read(text) : JsonSerializer.Deserialize(text, EstateJson.Default.EstateDocument);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? "" : $" at {ex.Path}";
            return EstateLoadResult.Failed($"{fileName}: not valid estate JSON{where} (line {ex.LineNumber + 1}): {ex.Message}");
        }
        catch (YamlException ex)
        {
            // The parser's syntax errors and EstateYaml's field errors (which name the field's path) alike.
            return EstateLoadResult.Failed($"{fileName}: not valid estate YAML at line {ex.Start.Line}: {ex.Message}");
        }

        if (document is null)
        {
            return EstateLoadResult.Failed($"{fileName}: the file is empty.");
        }

        return EstateValidator.Validate(document, catalogue);
    }

    public static EstateLoadResult Load(string path, FlowCatalogue catalogue)
    {
        if (!File.Exists(path))
        {
            return EstateLoadResult.Failed($"Estate file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path, catalogue);
    }

    /// <summary>Writes the estate back in the same format it is read from.</summary>
    public static string ToJson(Estate estate) => JsonSerializer.Serialize(EstateDocument.From(estate), EstateJson.Default.EstateDocument);

    /// <summary>The estate as YAML that <see cref="Parse"/> reads back to the same estate.</summary>
    public static string ToYaml(Estate estate) => EstateYaml.Write(EstateDocument.From(estate));

    /// <summary>The estate in the format <paramref name="fileName"/> is read in: YAML for .yml/.yaml, JSON otherwise.</summary>
    public static string Write(Estate estate, string fileName) => IsYaml(fileName) ? ToYaml(estate) : ToJson(estate);

    public static bool IsYaml(string fileName) =>
        fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The file's shape, loose on purpose (everything nullable) so validation can name each missing field.</summary>
public sealed class EstateDocument
{
    public string? Name { get; set; }
    public Dictionary<string, bool>? Switches { get; set; }
    public Dictionary<string, int>? Ports { get; set; }
    public List<EstateHostDocument?>? Hosts { get; set; }

    public static EstateDocument From(Estate estate) => new()
    {
        Name = estate.Name,
        Switches = new Dictionary<string, bool>(estate.Switches),
        Ports = new Dictionary<string, int>(estate.Ports),
        Hosts = estate.Hosts.Select(h => (EstateHostDocument?)new EstateHostDocument
        {
            Name = h.Name,
            Address = h.Address,
            Roles = [.. h.Roles],
            Ports = h.Ports.Count == 0 ? null : new Dictionary<string, int>(h.Ports),
        }).ToList(),
    };
}

public sealed class EstateHostDocument
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public List<string?>? Roles { get; set; }
    public Dictionary<string, int>? Ports { get; set; }
}

/// <summary>Either an estate or the list of everything wrong with the file (as text, and structured by field when known).</summary>
public sealed record EstateLoadResult(Estate? Estate, IReadOnlyList<string> Errors, IReadOnlyList<EstateProblem>? FieldProblems = null)
{
    public bool Succeeded => Estate is not null && Errors.Count == 0;

    /// <summary>Every problem with the field it is about; problems of the file as a whole have no field.</summary>
    public IReadOnlyList<EstateProblem> Problems => FieldProblems ?? Errors.Select(EstateProblem.General).ToList();

    public static EstateLoadResult Failed(params string[] errors) => new(null, errors);
}
