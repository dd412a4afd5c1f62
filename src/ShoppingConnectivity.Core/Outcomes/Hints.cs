using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Outcomes;

/// <summary>What an ops team should do about an outcome, in words naming the hosts and the port.</summary>
public static class Hints
{
    /// <param name="detail">The agent's detail: when it says which half of a two-step probe failed (the dynamic RPC
    /// port after the endpoint mapper), the hint names that half.</param>
    /// <param name="address">The address the agent probed (a DNS name or an IP), when known: a name that did not
    /// resolve is that address, which the detail names too, not the estate's host name.</param>
    public static string For(ProbeOutcome outcome, string source, string target, int port, bool degraded = false, string? detail = null, string? address = null) =>
        DynamicRpcFailure.TryParse(detail) is { } rpc && outcome == rpc.Outcome
            ? ForDynamicRpc(rpc, source, target, port)
            : outcome == ProbeOutcome.DnsFailed && !string.IsNullOrWhiteSpace(address) && !string.Equals(address, target, StringComparison.OrdinalIgnoreCase)
                ? $"{source} cannot resolve '{address}' ({target}'s address in the estate): check the address in the estate and the DNS servers {source} uses."
                : ForOutcome(outcome, source, target, port, degraded);

    private static string ForDynamicRpc(DynamicRpcFailure rpc, string source, string target, int port) => rpc.Outcome switch
    {
        ProbeOutcome.TimedOut =>
            $"{target} answers on TCP {port} (the endpoint mapper), but a firewall between {source} and {target} drops the dynamic RPC port {rpc.DynamicPort} it named: open TCP {rpc.Range} from {source} to {target} (WMI/DCOM needs both).",
        ProbeOutcome.Refused =>
            $"{target} answers on TCP {port} (the endpoint mapper), but the dynamic RPC port {rpc.DynamicPort} it named is refused: remove the firewall rule that rejects TCP {rpc.Range} from {source}, or check that the service on {target} still runs.",
        _ =>
            $"{target} answers on TCP {port} (the endpoint mapper), but {source} has no route to the dynamic RPC port {rpc.DynamicPort} it named: a firewall answers TCP {rpc.Range} with ICMP unreachable; open that range from {source} to {target}.",
    };

    private static string ForOutcome(ProbeOutcome outcome, string source, string target, int port, bool degraded) => outcome switch
    {
        ProbeOutcome.Reachable when degraded =>
            $"{target} answers on TCP {port} but not healthily (see the detail): fix it before it breaks.",
        ProbeOutcome.Reachable => "Open.",
        ProbeOutcome.TimedOut =>
            $"A firewall between {source} and {target} drops TCP {port}: open TCP {port} from {source} to {target} (or check that {target} is up).",
        ProbeOutcome.Refused =>
            $"{target} is up but refuses TCP {port}: start the service that should listen on {port}, check the port configured, or remove the firewall rule on the way that rejects it.",
        ProbeOutcome.DnsFailed =>
            $"{source} cannot resolve '{target}': check the name in the estate and the DNS servers {source} uses.",
        ProbeOutcome.Unreachable =>
            $"{source} has no route to {target}: check routing and VPNs, or a firewall that answers TCP {port} with ICMP unreachable.",
        ProbeOutcome.ProtocolError =>
            $"TCP {port} on {target} is open, but what answered is not the expected service or is unhealthy: check which service listens on {port}.",
        _ => $"The agent on {source} could not run this probe: read the detail and the agent's log.",
    };

    /// <summary>What to do about a degraded link, by its cause (<see cref="DegradedCause.Text"/>): renew a certificate before it bites.</summary>
    public static string ForDegraded(string cause, string source, string target, int port) => cause switch
    {
        _ when cause.StartsWith(DegradedCause.ExpiresPrefix, StringComparison.Ordinal) =>
            $"Renew the certificate on {target} before it expires; the connection still works.",
        _ when cause.StartsWith(DegradedCause.ExpiredPrefix, StringComparison.Ordinal) =>
            $"Renew the certificate on {target} now: it has expired, and clients that check certificates refuse it; the connection itself still opens.",
        DegradedCause.NoCertificate => $"{target} answers TLS on TCP {port} without a certificate: check the certificate bound to that port.",
        _ => ForOutcome(ProbeOutcome.Reachable, source, target, port, degraded: true),
    };
}
