using System.Text.Json;
using System.Text.Json.Serialization;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Upstream;

/// <summary>
/// Compile-time JSON for everything the agent reads and writes, with the same web defaults as
/// <see cref="ContractsJson.Options"/>: no reflection at run time, so the published agent can be trimmed and
/// starts without building serializers (less memory and CPU on every Shopping host).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EnrolmentRequest))]
[JsonSerializable(typeof(EnrolmentResponse))]
[JsonSerializable(typeof(AgentPlan))]
[JsonSerializable(typeof(ResultBatch))]
[JsonSerializable(typeof(ResultBatchAccepted))]
[JsonSerializable(typeof(AgentRequests))]
[JsonSerializable(typeof(TokenStore.Identity))]
[JsonSerializable(typeof(PlanStore.Stored))]
internal sealed partial class AgentJson : JsonSerializerContext;
