using Microsoft.Extensions.Options;
using Npgsql;

namespace ShoppingConnectivity.Central.Data;

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
