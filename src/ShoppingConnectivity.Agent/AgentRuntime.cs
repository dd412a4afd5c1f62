namespace ShoppingConnectivity.Agent;

/// <summary>Runtime settings that must be in place before the agent opens its first socket.</summary>
public static class AgentRuntime
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string EngineThreads = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary>
    /// On Linux, a socket that becomes ready is handled on the socket engine's own thread (the one waiting in epoll)
    /// instead of being handed to a thread-pool worker, which in turn wakes a second worker "in case there is more":
    /// per probe that is two thread wake-ups fewer, and with the pool idle its gate thread (awake twice a second while
    /// the pool has work) sleeps too. An agent spends its life waiting, so wake-ups are most of what it costs
    /// (docs/benchmarks.md, "Agent footprint"). The cost: code continuing after a socket operation runs on that one
    /// thread, so it must not block; the agent's probes are asynchronous throughout (the one blocking call, the LDAP
    /// rootDSE read through libldap, runs on a pool thread of its own). One engine thread is plenty for an agent.
    /// Settings already in the environment win, so either can be turned off ("0") without a new build.
    /// </summary>
    public static void UseInlineSocketCompletions()
    {
        if (OperatingSystem.IsWindows()) return; // I/O completion ports: the switch does not exist there
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null) Environment.SetEnvironmentVariable(InlineCompletions, "1");
        if (Environment.GetEnvironmentVariable(EngineThreads) is null) Environment.SetEnvironmentVariable(EngineThreads, "1");
    }
}
