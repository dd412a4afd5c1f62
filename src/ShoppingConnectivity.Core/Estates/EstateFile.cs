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
