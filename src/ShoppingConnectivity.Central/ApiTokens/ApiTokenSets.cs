using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>The API tokens' table in central's database.</summary>
public static class ApiTokenSets
{
    extension(CentralDbContext db)
    {
        public DbSet<ApiTokenRecord> ApiTokens => db.Set<ApiTokenRecord>();
    }
}
