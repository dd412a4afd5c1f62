namespace ShoppingConnectivity.Central.Estates;

/// <summary>One stored version of the estate, as the history list shows it.</summary>
public sealed record EstateVersion(long Version, DateTimeOffset UpdatedAt, string UpdatedBy, EstateSource Source, bool WithFile);
