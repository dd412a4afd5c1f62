using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// The one line between two roles, carrying every flow from one to the other (Website to DC: LDAP, GC and LDAPS) as
/// chips. <see cref="Path"/> draws it; <see cref="Points"/> follows it closely, to measure crossings and hits.
/// </summary>
public sealed record DiagramLine(string Id, string From, string To, IReadOnlyList<Flow> Flows, IReadOnlyList<Point> Points, string Path);
