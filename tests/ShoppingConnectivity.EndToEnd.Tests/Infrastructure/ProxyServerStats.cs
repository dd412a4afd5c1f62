namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>One server of haproxy's backend as its "show stat" gives it.</summary>
/// <param name="Status">UP, DOWN, MAINT, or a transition ("UP 1/2", "DOWN 1/2").</param>
/// <param name="Sessions">Requests (sessions) sent to it in all.</param>
/// <param name="Retries">Requests retried on it after a failure (wretr).</param>
/// <param name="Redispatches">Requests that failed on it and went to another server (wredis).</param>
/// <param name="Responses5xx">5xx answers it gave.</param>
/// <param name="ResponseErrors">Requests whose answer never came (eresp: connection closed, timeout).</param>
/// <param name="ConnectionErrors">Connections to it that failed (econ: refused).</param>
public sealed record ProxyServerStats(string Status, long Sessions, long Retries, long Redispatches, long Responses5xx, long ResponseErrors, long ConnectionErrors);
