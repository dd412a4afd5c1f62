namespace ShoppingConnectivity.Central.History;

public sealed class HourRollupRecord : RollupRecord;
