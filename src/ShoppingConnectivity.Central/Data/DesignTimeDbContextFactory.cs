using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShoppingConnectivity.Central.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CentralDbContext>
{
    public CentralDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CentralDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// The same for PostgreSQL (`dotnet ef migrations add Name --context PostgresCentralDbContext --output-dir
/// Data/Migrations/PostgreSql`): adding a migration needs no server.
/// </summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresCentralDbContext>
{
    public PostgresCentralDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCentralDbContext>().UseNpgsql("Host=localhost;Database=central-design-time").Options);
}
