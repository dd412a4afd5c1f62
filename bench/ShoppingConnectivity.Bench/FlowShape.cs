namespace ShoppingConnectivity.Bench;

public sealed record FlowShape(string FlowId, bool ClientFlow, long Links, int IntervalSeconds)
{
    public long ResultsPerHour => Links * 3600 / IntervalSeconds;
}
