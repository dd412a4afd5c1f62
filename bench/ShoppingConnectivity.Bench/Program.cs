using ShoppingConnectivity.Bench;

// dotnet run -c Release --project bench/ShoppingConnectivity.Bench -- <benchmark> [options]
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["history"] = HistoryBenchmark.RunAsync,
    ["blame"] = BlameBenchmark.RunAsync,
    ["retired-probes"] = RetiredProbesBenchmark.RunAsync,
    ["alerts-list"] = AlertsListBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"Usage: ShoppingConnectivity.Bench <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}

return await run(args[1..]);
