namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// The result of a sign-in: null error on success, else what to tell the person; <see cref="RetryAfter"/> when the
/// client's address has to wait (nothing was checked).
/// </summary>
public sealed record SignInOutcome(bool Succeeded, string? Error, TimeSpan? RetryAfter = null)
{
    public static SignInOutcome Ok { get; } = new(true, null);

    public static SignInOutcome Fail(string error) => new(false, error);

    public static SignInOutcome Wait(TimeSpan wait) => new(false, SignInThrottle.Message(wait), wait);
}
