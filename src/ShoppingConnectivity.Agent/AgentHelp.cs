using ShoppingConnectivity.Agent.Preflight;

namespace ShoppingConnectivity.Agent;

/// <summary>What `ShoppingConnectivity.Agent --help` prints: the service, its settings, and the install engineer's preflight.</summary>
public static class AgentHelp
{
    public const string Text = $"""
        Shopping Connectivity agent: probes, on a schedule, every network flow this Shopping host needs and sends the
        results to central (kept in a local outbox while central is away).

        Usage:
          ShoppingConnectivity.Agent                 run the agent (as a Windows service, a systemd unit or in a console)
          ShoppingConnectivity.Agent preflight ...   check this server's firewall before installing Shopping (no central)
          ShoppingConnectivity.Agent --help          this text

        The agent reads appsettings.json beside the program; any setting can be given on the command line or in the
        environment instead, e.g. --Agent:CentralUrl=https://central.example:5443/ or Agent__EnrolmentKey=...
          Agent:CentralUrl       central's address
          Agent:EnrolmentKey     the key an Admin created on central's Enrolment keys page (first start only)
          Agent:HostName         this host's name in the estate (default: the machine name)
          Agent:DataDirectory    the outbox, the token and the plan (default: data, beside the program)

        Preflight of a new server, before it is in the estate: give the roles it will have, e.g. a Shopping web server
          ShoppingConnectivity.Agent preflight --estate estate.json --roles Website
        and of a host the estate lists:
          ShoppingConnectivity.Agent preflight --estate estate.json --host web01

        {PreflightCommand.Usage}
        """;
}
