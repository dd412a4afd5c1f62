using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Bench;

/// <summary>
/// Times one page of the alerts list (AlertHistory.PageAsync: filter, sort, Skip/Take and a count in SQLite) among
/// --alerts alerts (10,000 by default), each with one sent mail: what every load, page change, sort and filter of the
/// alerts page costs on the server (issue 18, point 1).
/// </summary>
public static class AlertsListBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 && args[0] == "--alerts" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var directory = Path.Combine(Path.GetTempPath(), "sc-bench-alerts");
        Directory.CreateDirectory(directory);
        var dbPath = Path.Combine(directory, "alerts.db");
        if (File.Exists(dbPath)) File.Delete(dbPath);
        var now = DateTimeOffset.UtcNow;

        var services = new ServiceCollection();
        services.AddDbContextFactory<CentralDbContext>(o => o.UseSqlite(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = true }.ToString()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AlertHistory>();
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            var seed = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var since = now.AddMinutes(i - count);
                var closed = i % 3 == 2;
                var alert = new AlertRecord
                {
                    Key = $"website-shoppingdb-sql@{since.UtcTicks}", FlowId = "website-shoppingdb-sql", Edge = $"Bench edge {i:D6}",
                    State = closed ? "Closed" : "Open", Condition = closed ? "Ok" : "Broken", OpenedAt = since, Since = since,
                    RecoveredAt = closed ? since.AddMinutes(30) : null, ClosedAt = closed ? since.AddMinutes(30) : null, Outcome = "TimedOut",
                    Hosts = $"web{i % 100:D2} \u2192 sql01:1433", Suspect = "sql01", LastNoticeAt = since,
                };
                var message = new AlertMessageRecord
                {
                    CreatedAt = since, Kinds = "Broken", Recipients = "ops@bench.example", Subject = alert.Edge, TextBody = "broken", HtmlBody = "<p>broken</p>",
                    Status = AlertMessageRecord.Sent, Attempts = 1, NextAttemptAt = since, SentAt = since,
                };
                message.Alerts.Add(new AlertMessageAlert { Alert = alert, Kind = "Broken" });
                db.AlertMessages.Add(message);
                if (i % 2_000 == 1_999)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }

            await db.SaveChangesAsync();
            Console.WriteLine($"{count:N0} alerts with a mail each written in {seed.Elapsed.TotalSeconds:0.0} s; SQLite file {new FileInfo(dbPath).Length / 1024.0 / 1024.0:0.0} MiB");
        }

        var history = provider.GetRequiredService<AlertHistory>();
        var cases = new (string Name, AlertQuery Query)[]
        {
            ("first page (open first, newest first)", new AlertQuery()),
            ($"page {count / 2 / 25 + 1} (skip {count / 2:N0})", new AlertQuery(Skip: count / 2)),
            ("sort by duration, first page", new AlertQuery(Sort: AlertSort.Duration)),
            ("sort by edge, descending", new AlertQuery(Sort: AlertSort.Edge, Descending: true)),
            ("filter: open, not acknowledged", new AlertQuery(AlertStateFilter.Unacknowledged)),
            ("filter: host web07", new AlertQuery(Host: "web07")),
            ("filter: text 'edge 00123'", new AlertQuery(Text: "edge 00123")),
        };
        Console.WriteLine($"{"query",-40} {"rows",5} {"of",8} {"median",9} {"p95",9}   (25 rows a page, 30 runs, the first left out)");
        foreach (var (name, query) in cases)
        {
            var times = new List<double>();
            AlertListPage? page = null;
            for (var run = 0; run < 31; run++)
            {
                var watch = Stopwatch.StartNew();
                page = await history.PageAsync(query);
                if (run > 0) times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{name,-40} {page!.Rows.Count,5} {page.Total,8:N0} {times[times.Count / 2],6:0.0} ms {times[(int)Math.Ceiling(0.95 * times.Count) - 1],6:0.0} ms");
        }

        return 0;
    }
}
