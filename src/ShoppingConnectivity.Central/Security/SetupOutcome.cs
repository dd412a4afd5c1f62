namespace ShoppingConnectivity.Central.Security;

/// <summary>The result of the first administrator's setup: no errors on success; <see cref="RetryAfter"/> when the client's address has to wait.</summary>
public sealed record SetupOutcome(IReadOnlyList<string> Errors, TimeSpan? RetryAfter = null)
{
    public static SetupOutcome Ok { get; } = new([]);

    public static SetupOutcome Fail(params IReadOnlyList<string> errors) => new(errors);

    public static SetupOutcome Wait(TimeSpan wait) => new([SignInThrottle.Message(wait)], wait);
}
