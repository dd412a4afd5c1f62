using Microsoft.Extensions.Options;
using Npgsql;

namespace ShoppingConnectivity.Central.Data;

public enum DatabaseProvider
{
    /// <summary>One file under the data folder: one central node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: one or several central nodes sharing it.</summary>
    PostgreSql,
}

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

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions o)
    {
        var errors = new List<string>();
        var key = $"ConnectionStrings:{DataExtensions.ConnectionStringName}";
        var provider = DatabaseOptions.Parse(o.Provider);
        if (provider is null)
            errors.Add($"{DatabaseOptions.Section}:Provider must be Sqlite or PostgreSql (is '{o.Provider}').");
        if (provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(o.ConnectionString))
            {
                errors.Add($"{key} is required when {DatabaseOptions.Section}:Provider is PostgreSql (e.g. Host=db01;Database=central;Username=central;Password=...).");
            }
            else
            {
                try
                {
                    var builder = new NpgsqlConnectionStringBuilder(o.ConnectionString);
                    if (string.IsNullOrWhiteSpace(builder.Host)) errors.Add($"{key} names no Host.");
                    if (string.IsNullOrWhiteSpace(builder.Database)) errors.Add($"{key} names no Database.");
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
                {
                    errors.Add($"{key} is not a valid PostgreSQL connection string: {ex.Message}");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
