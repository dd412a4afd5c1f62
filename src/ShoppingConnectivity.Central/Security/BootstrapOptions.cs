namespace ShoppingConnectivity.Central.Security;

/// <summary>The first administrator, bound from "Central:Bootstrap". Used only while the database has no user at all.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Central:Bootstrap";

    public string? AdminUser { get; set; }

    public string? AdminPassword { get; set; }
}
