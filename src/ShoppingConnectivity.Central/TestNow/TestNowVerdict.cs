namespace ShoppingConnectivity.Central.TestNow;

/// <summary>What became of a "Test now".</summary>
public enum TestNowVerdict
{
    /// <summary>At least one agent was asked; the results come through its push.</summary>
    Asked,
    /// <summary>Every agent concerned is offline: nobody was asked (each is named).</summary>
    NobodyOnline,
    /// <summary>No agent probes the target (no host of the source role, or the link left the plan).</summary>
    NothingToTest,
    /// <summary>The same target was tested less than the spacing ago: tried again from <see cref="TestNowAnswer.RetryAt"/>.</summary>
    TooSoon,
    /// <summary>No such edge or host.</summary>
    Unknown,
}
