namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>A port the installer can choose (IIS port, SQL port, Tachyon loopback port...).</summary>
public sealed record PortSetting(string Id, int Default, string Description);
