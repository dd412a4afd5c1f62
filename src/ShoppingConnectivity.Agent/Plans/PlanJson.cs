using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Agent.Plans;

/// <summary>
/// Compile-time JSON for the stored plan, with the web defaults of the upstream messages: the plan on disk reads like
/// the plan central sent. A context of its own, so the plans need nothing of the folder that talks to central.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlanStore.Stored))]
internal sealed partial class PlanJson : JsonSerializerContext;
