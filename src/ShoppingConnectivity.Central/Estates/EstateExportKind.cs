namespace ShoppingConnectivity.Central.Estates;

/// <summary>The downloads of the estate in force: the estate file and the firewall rules it needs.</summary>
public enum EstateExportKind
{
    EstateJson,
    EstateYaml,
    FirewallCsv,
    FirewallPowerShell,
}
