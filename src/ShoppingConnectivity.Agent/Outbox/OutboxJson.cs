using System.Text.Json;
using System.Text.Json.Serialization;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Outbox;

/// <summary>
/// Compile-time JSON for outbox lines, with the wire's web defaults (camelCase, outcomes by name): a line on disk
/// reads exactly like a result on the wire, and no serializer is built by reflection on every agent start.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProbeResultDto))]
internal sealed partial class OutboxJson : JsonSerializerContext;
