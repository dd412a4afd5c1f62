using ShoppingConnectivity.Bench.Load;

// Scale benchmarks (docs/benchmarks.md, "Ingestion at scale", "Dashboard circuits", "Sign-in timing", "Firewall exports at 10,000 hosts"; docs/scaling.md).
// Build central and this in Release first:
//   dotnet build src/ShoppingConnectivity.Central -c Release && dotnet build bench/ShoppingConnectivity.Bench.Load -c Release
//   dotnet bench/ShoppingConnectivity.Bench.Load/bin/Release/net10.0/ShoppingConnectivity.Bench.Load.dll <ingest|burst|circuits|signin|exports|metrics|memory|prometheus|pg-ceiling|dashboards> [--option value ...]
var commands = new Dictionary<string, Func<Args, Task<int>>>(StringComparer.Ordinal)
{
    ["ingest"] = IngestBenchmark.RunAsync,
    ["burst"] = BurstBenchmark.RunAsync,
    ["circuits"] = CircuitBenchmark.RunAsync,
    ["signin"] = SignInBenchmark.RunAsync,
    ["exports"] = ExportBenchmark.RunAsync,
    ["metrics"] = MetricsBenchmark.RunAsync,
    ["memory"] = MemoryBenchmark.RunAsync,
    ["prometheus"] = PrometheusComparison.RunAsync,
    ["pg-ceiling"] = PgCeiling.RunAsync,
    ["dashboards"] = DashboardsBenchmark.RunAsync,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"Usage: ShoppingConnectivity.Bench.Load <{string.Join("|", commands.Keys)}> [--option value ...]");
    return 2;
}

try
{
    return await run(new Args(args[1..]));
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
