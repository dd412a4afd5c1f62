namespace ShoppingConnectivity.Central.Data;

/// <summary>Which database central keeps its data in ("Central:Database"); the connection string is ConnectionStrings:Central.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Central:Database";

    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>ConnectionStrings:Central (filled in from there). Empty with SQLite: the file under Central:DataDirectory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The provider named by <see cref="Provider"/> (case-insensitive); SQLite for a value the validator rejects.</summary>
    public DatabaseProvider ProviderKind => Parse(Provider) ?? DatabaseProvider.Sqlite;

    public static DatabaseProvider? Parse(string? value) =>
        Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(value, out _)
            ? provider
            : null;

    /// <summary>The provider as configured, read before the options exist (service registration chooses by it).</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        Parse(configuration[$"{Section}:{nameof(Provider)}"]) ?? DatabaseProvider.Sqlite;
}
