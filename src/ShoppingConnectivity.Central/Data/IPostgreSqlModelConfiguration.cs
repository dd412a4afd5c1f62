

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// Marks an entity type configuration that applies on PostgreSQL only, on top of the common one (several nodes write
/// there at once, and it has types SQLite lacks). <see cref="PostgresCentralDbContext"/> applies these; the SQLite
/// context skips them.
/// </summary>
public interface IPostgreSqlModelConfiguration;
