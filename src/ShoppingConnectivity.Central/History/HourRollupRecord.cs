using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.History;

public sealed class HourRollupRecord : RollupRecord;
