namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>Where an agent asks for the real target of a flow first (the Tachyon loopback URL, from the Website).</summary>
public sealed record DiscoveryReference(string Role, string? PortSetting, int Port, string Path);
