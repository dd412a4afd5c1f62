using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// The same for PostgreSQL (`dotnet ef migrations add Name --context PostgresCentralDbContext --output-dir
/// Data/Migrations/PostgreSql`): adding a migration needs no server.
/// </summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresCentralDbContext>
{
    public PostgresCentralDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCentralDbContext>().UseNpgsql("Host=localhost;Database=central-design-time").Options);
}
