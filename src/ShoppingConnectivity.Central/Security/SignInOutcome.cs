namespace ShoppingConnectivity.Central.Security;

/// <summary>The result of a sign-in: null error on success, else what to tell the person.</summary>
public sealed record SignInOutcome(bool Succeeded, string? Error)
{
    public static SignInOutcome Ok { get; } = new(true, null);
    public static SignInOutcome Fail(string error) => new(false, error);
}
