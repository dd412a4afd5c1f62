using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>Estates and estate stores for tests of what reads the estate in force (live state, pages) without storing one.</summary>
public static class TestEstates
{
    /// <summary>The test estate (<see cref="CentralFactory.EstateJson"/>) as Core reads it, for what takes an estate without a store.</summary>
    public static Estate Sample { get; } = EstateFile.Parse(CentralFactory.EstateJson, "estate.json", FlowCatalogue.Default).Estate!;

    /// <summary>
    /// An estate with both kinds of port override: the Website's IIS port moved estate-wide (websiteHttp 18081), and one
    /// of two SQL Servers on its own port (sql02: shoppingDbSql 14330). What every surface must name is the port probed.
    /// </summary>
    public const string PortOverridesJson = """
        {
          "name": "Ports estate",
          "ports": { "websiteHttp": 18081 },
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "sql01", "address": "127.0.0.1", "roles": ["ShoppingDb"] },
            { "name": "sql02", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": 14330 } },
            { "name": "pc01", "address": "127.0.0.1", "roles": ["Client"] }
          ]
        }
        """;

    /// <summary>
    /// The empty estate (every flow without a host), no estate file, and an in-memory SQLite database the store opens
    /// only if a test saves an estate (then call <c>Database.EnsureCreated</c> first, or use a CentralFactory).
    /// </summary>
    public static EstateStore Empty(IOptions<CentralOptions> options, TimeProvider? clock = null) =>
        Of(options, new PooledDbContextFactory<CentralDbContext>(new DbContextOptionsBuilder<CentralDbContext>().UseSqlite("Data Source=:memory:").Options), clock);

    /// <summary>The store central itself would make: <paramref name="dbFactory"/>'s database and the estate file of <paramref name="options"/>.</summary>
    public static EstateStore Of(IOptions<CentralOptions> options, IDbContextFactory<CentralDbContext> dbFactory, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        return new EstateStore(FlowCatalogue.Default, dbFactory, new EstateFileMirror(options, clock), clock, NullLogger<EstateStore>.Instance);
    }
}
