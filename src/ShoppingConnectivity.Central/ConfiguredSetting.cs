namespace ShoppingConnectivity.Central;

/// <summary>One setting as a read-only page shows it: its key and where its value comes from ("appsettings.json", "environment variable …").</summary>
public sealed record ConfiguredSetting(string Key, string Source);
