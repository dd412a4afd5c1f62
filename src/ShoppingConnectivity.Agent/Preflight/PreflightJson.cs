using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Agent.Preflight;

/// <summary>Compile-time JSON for `preflight --format json` (web defaults, indented, enums by name): no reflection under Native AOT.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PreflightCommand.Report))]
internal sealed partial class PreflightJson : JsonSerializerContext;
