using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>The diagram as it was at a past moment, rebuilt from transitions.</summary>
public sealed record Replay(DateTimeOffset At, IReadOnlyList<EdgeState> Edges, int Links);
