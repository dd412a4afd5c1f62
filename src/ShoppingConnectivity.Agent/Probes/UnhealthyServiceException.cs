namespace ShoppingConnectivity.Agent.Probes;

/// <summary>Thrown when the right service answered but is not healthy (rejects the probe); becomes <c>ProtocolError</c> with this message.</summary>
public sealed class UnhealthyServiceException(string message) : Exception(message);
