namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// Thrown by a protocol exchange when the bytes that came back are not the protocol it speaks; the probe turns it
/// into <c>ProtocolError</c> quoting what came back. <see cref="Exception.Message"/> may add why ("bind_nak, reason 4").
/// </summary>
public sealed class ProtocolMismatchException(string? reason = null) : Exception(reason ?? "not this protocol")
{
    public string? Reason { get; } = reason;
}
