namespace ShoppingConnectivity.Central.TestNow;

/// <summary>Where a "Test now" request stands for one agent.</summary>
public enum AgentRequestState
{
    /// <summary>Waiting for the agent's next long-poll.</summary>
    Queued,
    /// <summary>Handed to the agent; its results come through its normal push.</summary>
    PickedUp,
    /// <summary>No long-poll of the agent took it within <see cref="AgentRequestQueue.PickupTimeout"/>: it was dropped.</summary>
    Expired,
}
