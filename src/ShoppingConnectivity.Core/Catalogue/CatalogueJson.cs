using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>
/// Compile-time JSON for the catalogue (the shipped file and central's /catalogue): no reflection, so the agent, which
/// reads the catalogue at every start, can be published trimmed or Native AOT.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(FlowCatalogue))]
internal sealed partial class CatalogueJson : JsonSerializerContext;
