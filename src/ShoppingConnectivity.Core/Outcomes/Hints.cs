using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Outcomes;

/// <summary>What an ops team should do about an outcome, in words naming the hosts and the port.</summary>
public static class Hints
{
    public static string For(ProbeOutcome outcome, string source, string target, int port, bool degraded = false) => outcome switch
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
        _ => For(ProbeOutcome.Reachable, source, target, port, degraded: true),
    };
}
