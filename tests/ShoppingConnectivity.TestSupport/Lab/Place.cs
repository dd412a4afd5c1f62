namespace ShoppingConnectivity.TestSupport.Lab;

/// <summary>
/// Where a test service runs: on this machine's loopback, or inside a network namespace the test made. Every command
/// the fixtures start goes through <see cref="Command"/>, so the same service code runs in both.
/// </summary>
public sealed record Place(string Name, IReadOnlyList<string> Prefix)
{
    public static Place Host { get; } = new("host", []);

    /// <summary>Commands run with <c>ip netns exec NAME</c>.</summary>
    public static Place Namespace(string name) => new(name, ["ip", "netns", "exec", name]);

    /// <summary>The program and arguments to start <paramref name="program"/> here.</summary>
    public IReadOnlyList<string> Command(string program, params IEnumerable<string> args) => [.. Prefix, program, .. args];
}
