namespace ShoppingConnectivity.Central.Diagram;

/// <summary>One host of a role with its two sides; a side is null when the role has no flow that way.</summary>
/// <param name="InEstate">False for a host only the links name (removed from the estate, its results still fresh).</param>
public sealed record RoleHostRow(string Host, bool InEstate, RoleHostState? Outbound, RoleHostState? Inbound)
{
    /// <summary>The worse side's rank (<see cref="RoleHostState.Rank"/>): failing hosts are listed first.</summary>
    public int Rank => Math.Min(Outbound?.Rank ?? int.MaxValue, Inbound?.Rank ?? int.MaxValue);

    public bool IsFailing => (Outbound?.IsFailing ?? false) || (Inbound?.IsFailing ?? false);

    /// <summary>The host's matrix page; the name escaped, as every host link is.</summary>
    public string Href => Components.Formats.HostHref(Host);
}
