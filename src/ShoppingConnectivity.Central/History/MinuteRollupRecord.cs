namespace ShoppingConnectivity.Central.History;

public sealed class MinuteRollupRecord : RollupRecord;
