using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Data;

public sealed class DataExtensionsTests : IDisposable
{
    private readonly CentralFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CentralDbContext_ContainsOverMoreIdsThanSqliteTakesParameters_ReadsTheMatchingRows()
    {
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Agents.AddRange(Agent("web01"), Agent("sql01"), Agent("app01"));
            await db.SaveChangesAsync();
        }

        // The token cache asks for every agent it holds at once: 50,000 on a big estate, past SQLite's 32,766 variables
        // if each id were a parameter of its own (and binding by name costs the square of their number).
        var ids = Enumerable.Range(0, 50_000).Select(i => $"agent-{i}").Append("web01").Append("sql01").ToList();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var found = await db.Agents.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync();

            Assert.Equal(["sql01", "web01"], found.Order(StringComparer.Ordinal));
        }
    }

    private static AgentRecord Agent(string id) => new() { Id = id, HostName = id, TokenHash = "hash" };
}
