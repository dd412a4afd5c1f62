using System.Net.Sockets;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>Maps what the socket layer said onto the outcome words ops teams act on.</summary>
public static class OutcomeClassifier
{
    public static ProbeOutcome FromSocketError(SocketError error) => error switch
    {
        SocketError.ConnectionRefused or SocketError.ConnectionReset => ProbeOutcome.Refused,
        SocketError.TimedOut => ProbeOutcome.TimedOut,
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ProbeOutcome.DnsFailed,
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown
            or SocketError.AddressNotAvailable => ProbeOutcome.Unreachable,
        _ => ProbeOutcome.Error,
    };
}
