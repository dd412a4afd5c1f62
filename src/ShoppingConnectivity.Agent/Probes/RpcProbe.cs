using System.Net;
using ShoppingConnectivity.Agent.Probes.DceRpc;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The rpc kind (135, where WMI/DCOM starts), in both halves Windows needs: a DCE/RPC bind to the endpoint mapper, the
/// question where the server's interfaces listen (ept_lookup, or ept_map for a few well-known interfaces where the
/// enumeration is refused, as Samba does), then a connect to a few of the dynamic TCP ports it named. A firewall that
/// opens 135 and drops the dynamic range is the common WMI failure, and 135 alone would call it reachable.
/// </summary>
public sealed class RpcProbe : IProbeKind
{
    /// <summary>How many of the named ports are tried (at once): the lowest, the highest and one between.</summary>
    public const int MaxPortsTried = 3;

    private const int MaxLookupEntries = 64;

    public string Kind => ProbeKinds.Rpc;

    public async Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken)
    {
        Endpoints? endpoints = null;
        IPAddress? reached = null;
        var mapper = await ProbeExchange.RunAsync(probe, "DCE/RPC", async (stream, address, ct) =>
        {
            reached = address;
            endpoints = await AskAsync(stream, probe.Port, enumerate: true, ct);
            return new ExchangeResult(endpoints.Summary);
        }, cancellationToken);
        if (mapper.Outcome != ProbeOutcome.Reachable || endpoints is null || reached is null) return mapper;

        var timeout = TimeSpan.FromMilliseconds(probe.TimeoutMs);
        var tried = await Task.WhenAll(Choose(endpoints.Ports).Select(async port =>
        {
            var connection = await TcpConnector.ConnectAsync(reached.ToString(), port, timeout, cancellationToken, exchange: false);
            connection.Socket?.Dispose();
            return new Attempt(port, connection.Failure);
        }));
        return Judge(probe, reached, mapper, endpoints, tried);
    }

    /// <summary>Distinct ports, lowest first: the lowest, the highest and the middle one, so a partly opened range shows.</summary>
    public static IReadOnlyList<int> Choose(IReadOnlyList<int> ports)
    {
        var distinct = ports.Distinct().Order().ToList();
        if (distinct.Count <= MaxPortsTried) return distinct;
        return [distinct[0], distinct[distinct.Count / 2], distinct[^1]];
    }

    /// <summary>
    /// Bind, then ept_lookup, then ept_map for the well-known interfaces if the lookup named no TCP endpoint.
    /// <paramref name="enumerate"/> false skips the lookup (tests reach Samba's ept_map answers so).
    /// </summary>
    internal static async Task<Endpoints> AskAsync(Stream stream, int mapperPort, bool enumerate, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(EndpointMapper.Bind(), cancellationToken);
        var (type, _, _, body) = await DceRpcPdu.ReadAsync(stream, cancellationToken);
        EndpointMapper.JudgeBind(type, body);

        uint callId = 2;
        var lookup = !enumerate ? new EndpointMapperReply(0, []) : await CallAsync(stream, EndpointMapper.LookupRequest(callId, MaxLookupEntries), callId, s => EndpointMapper.ParseLookup(s), cancellationToken);
        var ports = TcpPorts(lookup.Towers, mapperPort);
        if (ports.Count > 0) return new Endpoints(mapperPort, "ept_lookup", ports, lookup.Towers.Count(t => t.IsTcp && t.Port != mapperPort));

        var asked = new List<string>();
        var towers = new List<RpcTower>();
        foreach (var (name, @interface, major, minor) in EndpointMapper.WellKnown)
        {
            callId++;
            var map = await CallAsync(stream, EndpointMapper.MapRequest(callId, @interface, major, minor), callId, s => EndpointMapper.ParseMap(s), cancellationToken);
            asked.Add($"{name}: {(map.Status == 0 && map.Towers.Count == 0 ? "no tower" : map.StatusText)}");
            towers.AddRange(map.Towers);
        }

        ports = TcpPorts(towers, mapperPort);
        if (ports.Count > 0) return new Endpoints(mapperPort, "ept_map", ports, towers.Count(t => t.IsTcp && t.Port != mapperPort));
        throw new UnhealthyServiceException(
            $"the DCE/RPC endpoint mapper answered, but named no TCP endpoint (ept_lookup: {(enumerate ? lookup.StatusText : "not asked")}{(lookup.Towers.Count > 0 ? $", {lookup.Towers.Count} endpoints none on TCP" : "")}; ept_map {string.Join(", ", asked)}).");
    }

    private static async Task<EndpointMapperReply> CallAsync(
        Stream stream, byte[] request, uint callId, Func<byte[], EndpointMapperReply> parse, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(request, cancellationToken);
        var (stub, fault) = await DceRpcPdu.ReadResponseAsync(stream, callId, cancellationToken);
        return stub is null ? new EndpointMapperReply(fault, [], Fault: true) : parse(stub);
    }

    private static List<int> TcpPorts(IEnumerable<RpcTower> towers, int mapperPort) =>
        towers.Where(t => t.IsTcp && t.Port != mapperPort).Select(t => t.Port!.Value).Distinct().ToList();

    private static ProbeFinding Judge(PlannedProbe probe, IPAddress reached, ProbeFinding mapper, Endpoints endpoints, Attempt[] tried)
    {
        var where = ProbeExchange.Where(probe, reached);
        var open = tried.Where(a => a.Failure is null).Select(a => a.Port).ToList();
        var shut = tried.Where(a => a.Failure is not null).ToList();
        var outside = OutsideRange(tried.Select(a => a.Port), probe.RpcDynamicPorts);
        if (shut.Count == 0)
        {
            return mapper with { Detail = $"{endpoints.Summary}; dynamic RPC {Ports(open)} reached.{outside}" };
        }

        var first = shut[0];
        var why = Why(first.Failure!, TimeSpan.FromMilliseconds(probe.TimeoutMs));
        if (open.Count == 0)
        {
            var failure = DynamicRpcFailure.Describe(where, first.Port, first.Failure!.Outcome, why, probe.RpcDynamicPorts);
            var others = shut.Count > 1 ? $" Also tried: {string.Join(", ", shut.Skip(1).Select(a => $"{a.Port} ({a.Failure!.Outcome})"))}." : "";
            return new ProbeFinding(first.Failure.Outcome, null, $"{failure}{others} {endpoints.Summary}.{outside}");
        }

        // Part of the range open: WMI works until the server picks a port in the closed part.
        var closed = string.Join(", ", shut.Select(a => $"{a.Port} is {DynamicRpcFailure.Class(a.Failure!.Outcome)}"));
        return mapper with
        {
            Detail = $"{endpoints.Summary}; dynamic RPC {Ports(open)} reached, but port {closed} ({why}): open the whole dynamic RPC range {DynamicRpcFailure.RangeText(probe.RpcDynamicPorts)}.{outside}",
            Degraded = true,
        };
    }

    /// <summary>"no answer within 3,000 ms", or the socket error TcpConnector quoted ("ConnectionRefused (Connection refused)").</summary>
    private static string Why(ProbeFinding failure, TimeSpan timeout)
    {
        if (failure.Outcome == ProbeOutcome.TimedOut) return $"no answer within {timeout.TotalMilliseconds:N0} ms";
        var colon = failure.Detail.IndexOf(": ", StringComparison.Ordinal);
        return (colon < 0 ? failure.Detail : failure.Detail[(colon + 2)..]).TrimEnd('.');
    }

    private static string OutsideRange(IEnumerable<int> ports, string? estateRange)
    {
        if (!RpcPortRange.TryParse(estateRange, out var range)) return "";
        var outside = ports.Where(p => p < range.Low || p > range.High).ToList();
        return outside.Count == 0
            ? ""
            : $" The endpoint mapper named {Ports(outside)} outside the estate's dynamic RPC range {estateRange}: set the range this server really uses in the estate.";
    }

    /// <summary>"port 49152", "ports 49152 and 49154"; a Windows server names a dozen, so at most 8 and how many more.</summary>
    private static string Ports(IReadOnlyList<int> ports) => ports.Count switch
    {
        1 => $"port {ports[0]}",
        <= 8 => $"ports {string.Join(", ", ports.SkipLast(1))} and {ports[^1]}",
        _ => $"ports {string.Join(", ", ports.Take(8))} and {ports.Count - 8} more",
    };

    private sealed record Attempt(int Port, ProbeFinding? Failure);

    /// <summary>The dynamic TCP ports the endpoint mapper named, and how it was asked.</summary>
    internal sealed record Endpoints(int MapperPort, string Call, IReadOnlyList<int> Ports, int TcpEndpoints)
    {
        public string Summary => $"The endpoint mapper on {MapperPort} accepted the bind and named {TcpEndpoints} TCP endpoint{(TcpEndpoints == 1 ? "" : "s")} ({Call}: {RpcProbe.Ports(Ports.Order().ToList())})";
    }
}
