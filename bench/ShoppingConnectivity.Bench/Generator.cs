using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Bench;

/// <summary>
/// Writes history the way central keeps it, straight into SQLite with prepared statements: hour roll-ups for every
/// day, minute roll-ups for the last 30, edge colour changes and link transitions for the outages of the period,
/// and raw results for a few minutes (to measure what a day of them costs).
/// </summary>
public static class Generator
{
    public sealed record TableSize(string Kind, long Rows, double BytesPerRow, double BytesPerDay, int KeptDays);

    public static async Task<IReadOnlyList<TableSize>> WriteAsync(string dbPath, EstateShape estate, DateTimeOffset now, int days, int rawMinutes)
    {
        var random = new Random(20261125);
        var start = now.AddDays(-days);
        var outages = Outages(estate, start, now, random);
        Console.WriteLine($"Outages generated: {outages.Count} over {days} days ({outages.Count(o => o.Share >= 0.5)} of half an edge or more).");

        await using var db = new SqliteConnection($"Data Source={dbPath}");
        await db.OpenAsync();
        await Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        var sizes = new List<TableSize>();
        var clock = Stopwatch.StartNew();

        var hourRows = await Measure(db, "HourRollups", () => RollupsAsync(db, "HourRollups", estate, outages, start, now, TimeSpan.FromHours(1), random));
        sizes.Add(Size("hour roll-ups", hourRows, days, 400));
        var minuteDays = Math.Min(days, 30);
        var minuteRows = await Measure(db, "MinuteRollups", () => RollupsAsync(db, "MinuteRollups", estate, outages, now.AddDays(-minuteDays), now, TimeSpan.FromMinutes(1), random));
        sizes.Add(Size("minute roll-ups", minuteRows, minuteDays, 30));
        var edgeRows = await Measure(db, "EdgeTransitions", () => EdgeTransitionsAsync(db, outages));
        sizes.Add(Size("edge changes", edgeRows, days, 400));
        var linkRows = await Measure(db, "Transitions", () => LinkTransitionsAsync(db, estate, outages, random));
        sizes.Add(Size("link changes", linkRows, days, 400));
        var rawRows = await Measure(db, "Results", () => RawAsync(db, estate, now.AddMinutes(-rawMinutes), rawMinutes, random));
        sizes.Add(Size("raw results", rawRows, rawMinutes / 1440.0, 2));
        await Exec(db, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:N0} s; database {HistoryBenchmark.Size(new FileInfo(dbPath).Length)}.");
        return sizes;

        TableSize Size(string kind, (long Rows, long Bytes) m, double coveredDays, int keptDays) =>
            new(kind, m.Rows, m.Rows == 0 ? 0 : (double)m.Bytes / m.Rows, m.Bytes / coveredDays, keptDays);
    }

    public sealed record Outage(string FlowId, DateTimeOffset Start, DateTimeOffset End, double Share, long Links);

    /// <summary>About one outage per edge every five days: most touch a few links, some half the edge or all of it.</summary>
    private static List<Outage> Outages(EstateShape estate, DateTimeOffset start, DateTimeOffset end, Random random)
    {
        var outages = new List<Outage>();
        foreach (var flow in estate.Flows)
        {
            for (var at = start.AddHours(random.Next(1, 120)); at < end; at = at.AddHours(random.Next(24, 216)))
            {
                var roll = random.NextDouble();
                var share = roll < 0.7 ? 0.001 + random.NextDouble() * 0.02 : roll < 0.95 ? 0.05 + random.NextDouble() * 0.3 : 1.0;
                var links = Math.Max(1, (long)(flow.Links * share));
                var length = TimeSpan.FromMinutes(random.Next(5, 180));
                outages.Add(new Outage(flow.FlowId, at, at + length < end ? at + length : end, share, links));
            }
        }

        return outages;
    }

    private static async Task<long> RollupsAsync(SqliteConnection db, string table, EstateShape estate, List<Outage> outages,
        DateTimeOffset from, DateTimeOffset to, TimeSpan step, Random random)
    {
        using var transaction = db.BeginTransaction();
        using var insert = db.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} (FlowId, BucketStart, Reachable, Refused, TimedOut, DnsFailed, Unreachable, ProtocolError, Error, Degraded, LatencyMin, LatencyMax, LatencySum, LatencyCount, Histogram) " +
                             "VALUES ($f, $b, $r, $ref, $to, 0, 0, 0, 0, 0, $min, $max, $sum, $n, $h)";
        var p = new[] { "$f", "$b", "$r", "$ref", "$to", "$min", "$max", "$sum", "$n", "$h" }.ToDictionary(n => n, n => insert.Parameters.Add(n, SqliteType.Text));
        insert.Prepare();
        long rows = 0;
        var byFlow = outages.GroupBy(o => o.FlowId).ToDictionary(g => g.Key, g => g.ToList());
        // The whole estate's roll-ups ("*"), which central's roll-up job writes beside each edge's.
        var estateWide = new Dictionary<DateTimeOffset, (long Reachable, long Failed, double Min, double Max, double Sum, LatencyHistogram Histogram)>();
        foreach (var flow in estate.Flows)
        {
            var perBucket = Math.Max(1, (long)(flow.ResultsPerHour * step.TotalHours));
            var baseMs = 2 + random.NextDouble() * 30;
            var flowOutages = byFlow.GetValueOrDefault(flow.FlowId) ?? [];
            for (var bucket = from; bucket < to; bucket += step)
            {
                var end = bucket + step;
                var down = flowOutages.Where(o => o.Start < end && o.End > bucket)
                    .Sum(o => o.Share * Math.Min(1, (Min(o.End, end) - Max(o.Start, bucket)) / step));
                var failed = (long)(perBucket * Math.Min(1, down)) + (random.NextDouble() < 0.02 ? 1 : 0);
                failed = Math.Min(failed, perBucket);
                var reachable = perBucket - failed;
                var histogram = Histogram(reachable, baseMs, random, out var min, out var max, out var sum);
                p["$f"].Value = flow.FlowId;
                p["$b"].Value = bucket.UtcTicks;
                p["$r"].Value = reachable;
                p["$ref"].Value = failed / 10;
                p["$to"].Value = failed - failed / 10;
                p["$min"].Value = reachable == 0 ? DBNull.Value : min;
                p["$max"].Value = reachable == 0 ? DBNull.Value : max;
                p["$sum"].Value = sum;
                p["$n"].Value = reachable;
                p["$h"].Value = histogram;
                await insert.ExecuteNonQueryAsync();
                rows++;
                var total = estateWide.GetValueOrDefault(bucket, (0, 0, double.MaxValue, 0, 0, new LatencyHistogram()));
                total.Histogram.AddSerialized(histogram);
                estateWide[bucket] = (total.Reachable + reachable, total.Failed + failed,
                    reachable == 0 ? total.Min : Math.Min(total.Min, min), reachable == 0 ? total.Max : Math.Max(total.Max, max), total.Sum + sum, total.Histogram);
            }
        }

        foreach (var (bucket, total) in estateWide)
        {
            p["$f"].Value = "*";
            p["$b"].Value = bucket.UtcTicks;
            p["$r"].Value = total.Reachable;
            p["$ref"].Value = total.Failed / 10;
            p["$to"].Value = total.Failed - total.Failed / 10;
            p["$min"].Value = total.Reachable == 0 ? DBNull.Value : total.Min;
            p["$max"].Value = total.Reachable == 0 ? DBNull.Value : total.Max;
            p["$sum"].Value = total.Sum;
            p["$n"].Value = total.Reachable;
            p["$h"].Value = total.Histogram.Serialize();
            await insert.ExecuteNonQueryAsync();
            rows++;
        }

        await transaction.CommitAsync();
        return rows;
    }

    /// <summary>A latency histogram around a base latency with a tail, built from counts, not from samples.</summary>
    private static string Histogram(long count, double baseMs, Random random, out double min, out double max, out double sum)
    {
        var histogram = new LatencyHistogram();
        min = baseMs * 0.6;
        max = baseMs * (3 + random.NextDouble() * 5);
        sum = count * baseMs * 1.1;
        if (count == 0) return "";
        double[] shape = [0.05, 0.25, 0.35, 0.2, 0.1, 0.04, 0.01];
        var text = new List<string>();
        var first = Math.Max(0, (int)Math.Round(Math.Log(baseMs / 0.1) / Math.Log(1.25)) - 2);
        long left = count;
        for (var i = 0; i < shape.Length && left > 0; i++)
        {
            var n = i == shape.Length - 1 ? left : Math.Min(left, (long)Math.Round(count * shape[i]));
            if (n > 0) text.Add($"{Math.Min(LatencyHistogram.BucketCount - 1, first + i)}:{n}");
            left -= n;
        }

        return LatencyHistogram.Parse(string.Join(',', text)).Serialize();
    }

    private static async Task<long> EdgeTransitionsAsync(SqliteConnection db, List<Outage> outages)
    {
        using var transaction = db.BeginTransaction();
        using var insert = db.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO EdgeTransitions (FlowId, FromColour, ToColour, At, Summary, Links, Counts, FailingLinks) VALUES ($f, $from, $to, $at, $s, $l, $c, $fl)";
        foreach (var name in new[] { "$f", "$from", "$to", "$at", "$s", "$l", "$c", "$fl" }) insert.Parameters.Add(name, SqliteType.Text);
        insert.Prepare();
        long rows = 0;
        foreach (var o in outages.OrderBy(o => o.Start))
        {
            var colour = o.Share >= 0.05 || o.Links < 20 ? "Red" : "Amber";
            var failing = string.Join('\n', Enumerable.Range(0, (int)Math.Min(20, o.Links)).Select(i => $"pc{i:00000} \u2192 target:port TimedOut"));
            foreach (var (from, to, at, counts) in new[] { ("Green", colour, o.Start, $"TimedOut={o.Links}"), (colour, "Green", o.End, "") })
            {
                insert.Parameters["$f"].Value = o.FlowId;
                insert.Parameters["$from"].Value = from;
                insert.Parameters["$to"].Value = to;
                insert.Parameters["$at"].Value = at.UtcTicks;
                insert.Parameters["$s"].Value = to == "Green" ? "all reachable" : $"{o.Links:N0} links failing: TimedOut";
                insert.Parameters["$l"].Value = o.Links;
                insert.Parameters["$c"].Value = counts;
                insert.Parameters["$fl"].Value = to == "Green" ? "" : failing;
                await insert.ExecuteNonQueryAsync();
                rows++;
            }
        }

        await transaction.CommitAsync();
        return rows;
    }

    /// <summary>Every link of every outage flips twice: this is where a 50,000-client outage shows its weight.</summary>
    private static async Task<long> LinkTransitionsAsync(SqliteConnection db, EstateShape estate, List<Outage> outages, Random random)
    {
        using var transaction = db.BeginTransaction();
        using var insert = db.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Transitions (AgentId, ProbeId, FlowId, TargetHost, Port, FromOutcome, ToOutcome, At) VALUES ($a, $p, $f, $t, 389, $from, $to, $at)";
        foreach (var name in new[] { "$a", "$p", "$f", "$t", "$from", "$to", "$at" }) insert.Parameters.Add(name, SqliteType.Text);
        insert.Prepare();
        long rows = 0;
        foreach (var o in outages)
        {
            for (long i = 0; i < o.Links; i++)
            {
                var agent = $"pc{i % Math.Max(1, estate.Clients):00000}";
                foreach (var (from, to, at) in new[] { ("Reachable", "TimedOut", o.Start.AddSeconds(random.Next(0, 300))), ("TimedOut", "Reachable", o.End.AddSeconds(random.Next(0, 300))) })
                {
                    insert.Parameters["$a"].Value = agent;
                    insert.Parameters["$p"].Value = $"{o.FlowId}/dc{i % 2:00}/389";
                    insert.Parameters["$f"].Value = o.FlowId;
                    insert.Parameters["$t"].Value = $"dc{i % 2:00}";
                    insert.Parameters["$from"].Value = from;
                    insert.Parameters["$to"].Value = to;
                    insert.Parameters["$at"].Value = at.UtcTicks;
                    await insert.ExecuteNonQueryAsync();
                    rows++;
                }
            }
        }

        await transaction.CommitAsync();
        return rows;
    }

    private static async Task<long> RawAsync(SqliteConnection db, EstateShape estate, DateTimeOffset from, int minutes, Random random)
    {
        long rows = 0;
        var perSecond = estate.ResultsPerSecond;
        var flows = estate.Flows.Select(f => (f.FlowId, Weight: f.ResultsPerHour / 3600.0 / perSecond)).ToList();
        for (var minute = 0; minute < minutes; minute++)
        {
            using var transaction = db.BeginTransaction();
            using var insert = db.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO Results (AgentId, ProbeId, FlowId, Outcome, LatencyMs, Detail, Degraded, At, ReceivedAt, BatchId) VALUES ($a, $p, $f, 0, $l, $d, 0, $at, $at, $b)";
            foreach (var name in new[] { "$a", "$p", "$f", "$l", "$d", "$at", "$b" }) insert.Parameters.Add(name, SqliteType.Text);
            insert.Parameters["$b"].SqliteType = SqliteType.Blob;
            insert.Prepare();
            var batch = Guid.NewGuid().ToByteArray(); // as the writer stores it
            for (var i = 0; i < (int)(perSecond * 60); i++)
            {
                var pick = random.NextDouble();
                var flow = flows.First().FlowId;
                foreach (var f in flows)
                {
                    pick -= f.Weight;
                    if (pick <= 0) { flow = f.FlowId; break; }
                }

                var agent = $"pc{random.Next(estate.Clients):00000}";
                insert.Parameters["$a"].Value = agent;
                insert.Parameters["$p"].Value = $"{flow}/dc01/389";
                insert.Parameters["$f"].Value = flow;
                insert.Parameters["$l"].Value = 2 + random.NextDouble() * 30;
                insert.Parameters["$d"].Value = "Connected to 10.0.0.10:389; rootDSE read: dc01.contoso.local";
                insert.Parameters["$at"].Value = from.AddMinutes(minute).AddMilliseconds(i * 60_000.0 / (perSecond * 60)).UtcTicks;
                insert.Parameters["$b"].Value = batch;
                await insert.ExecuteNonQueryAsync();
                rows++;
            }

            await transaction.CommitAsync();
        }

        return rows;
    }

    /// <summary>Rows written and the bytes the database grew by (pages in use x page size), for one table.</summary>
    private static async Task<(long Rows, long Bytes)> Measure(SqliteConnection db, string table, Func<Task<long>> write)
    {
        var before = await BytesInUse(db);
        var clock = Stopwatch.StartNew();
        var rows = await write();
        var bytes = await BytesInUse(db) - before;
        Console.WriteLine($"  {table}: {rows:N0} rows in {clock.Elapsed.TotalSeconds:N1} s");
        return (rows, bytes);
    }

    private static async Task<long> BytesInUse(SqliteConnection db)
    {
        await Exec(db, "PRAGMA wal_checkpoint(TRUNCATE);");
        using var command = db.CreateCommand();
        command.CommandText = "SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())";
        using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) * reader.GetInt64(1);
    }

    private static async Task Exec(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
