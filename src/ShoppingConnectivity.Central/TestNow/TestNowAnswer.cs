namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// The answer to a "Test now": who was asked for what (<see cref="RequestId"/> follows it), who was not and why,
/// how many agents were left out of a large edge, and a sentence saying it all (<see cref="Text"/>).
/// </summary>
public sealed record TestNowAnswer(
    TestNowVerdict Verdict,
    string Target,
    string Text,
    Guid? RequestId,
    DateTimeOffset At,
    IReadOnlyList<TestNowAsk> Asked,
    IReadOnlyList<TestNowOffline> NotAsked,
    int LeftOut = 0,
    DateTimeOffset? RetryAt = null);
