using System.Text.Json;
using System.Text.Json.Serialization;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Upstream;

/// <summary>
/// Compile-time JSON for what the agent exchanges with central and for its identity file, with the same web defaults as
/// <see cref="ContractsJson.Options"/>: no reflection at run time, so the published agent can be trimmed and
/// starts without building serializers (less memory and CPU on every Shopping host).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EnrolmentRequest))]
[JsonSerializable(typeof(EnrolmentResponse))]
[JsonSerializable(typeof(AgentPlan))]
[JsonSerializable(typeof(ResultBatch))]
[JsonSerializable(typeof(ResultBatchAccepted))]
[JsonSerializable(typeof(TokenStore.Identity))]
internal sealed partial class AgentJson : JsonSerializerContext;
