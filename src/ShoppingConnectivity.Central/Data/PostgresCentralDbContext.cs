using Microsoft.EntityFrameworkCore;

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// The central model on PostgreSQL. A type of its own only so that EF keeps its migrations (Data/Migrations/PostgreSql)
/// apart from SQLite's; everything else asks for <see cref="CentralDbContext"/> and gets this one.
/// </summary>
public sealed class PostgresCentralDbContext(DbContextOptions<PostgresCentralDbContext> options) : CentralDbContext(options);
