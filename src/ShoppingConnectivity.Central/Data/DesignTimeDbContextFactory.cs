using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShoppingConnectivity.Central.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CentralDbContext>
{
    public CentralDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CentralDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
