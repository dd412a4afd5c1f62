using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>
/// Compile-time JSON for estate files (read by central and by the agent's preflight): no reflection, so the agent can
/// be published trimmed or Native AOT.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    // Like the YAML reader: a misspelled key ("port" for "ports") is an error, not a silently lost setting.
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    // Exports stay short: no "address": null for hosts addressed by their name.
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EstateDocument))]
internal sealed partial class EstateJson : JsonSerializerContext;
