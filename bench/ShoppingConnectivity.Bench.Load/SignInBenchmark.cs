using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Sign-in timing (issue #15, point 4): how long central takes to refuse a wrong password for a real user and a
/// password for a name that does not exist, through the login form of a real central, one request at a time. The two
/// medians must match, or the answer's speed tells which names exist. The per-address limit is lifted for the run;
/// a right password every few attempts keeps the real user below its lockout.
/// </summary>
public static class SignInBenchmark
{
    public static async Task<int> RunAsync(Args args)
    {
        var samples = args.Int("samples", 50);
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-signin"));
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        using var central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(10),
            new Dictionary<string, string> { ["Central__Security__SignInFailuresPerAddress"] = "1000000" });
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(central.Url) };

        var known = new List<double>();
        var unknown = new List<double>();
        var right = new List<double>();
        for (var i = -5; i < samples; i++) // five rounds of warm-up, not counted
        {
            var wrong = await TimeAsync(http, CentralProcess.AdminUser, $"not-the-password-{i}", HttpStatusCode.OK);
            var nobody = await TimeAsync(http, $"nobody-{i}", $"not-the-password-{i}", HttpStatusCode.OK);
            if (i >= 0)
            {
                known.Add(wrong);
                unknown.Add(nobody);
            }

            if ((i + 5) % 4 != 3) continue;
            // Below the lockout (5): a right password resets the count, on a client of its own.
            using var fresh = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(central.Url) };
            var ok = await TimeAsync(fresh, CentralProcess.AdminUser, CentralProcess.AdminPassword, HttpStatusCode.Found);
            if (i >= 0) right.Add(ok);
        }

        Console.WriteLine(Line("known user, wrong password", known));
        Console.WriteLine(Line("unknown user", unknown));
        Console.WriteLine(Line("known user, right password", right));
        return 0;
    }

    /// <summary>The POST of the login form alone (the page with its token is fetched first, untimed).</summary>
    private static async Task<double> TimeAsync(HttpClient http, string user, string password, HttpStatusCode expected)
    {
        var post = await CentralProcess.LoginFormAsync(http, user, password);
        var watch = Stopwatch.StartNew();
        using var response = await post();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (response.StatusCode != expected) throw new InvalidOperationException($"Sign-in of {user} answered {(int)response.StatusCode}, expected {(int)expected}.");
        return elapsed;
    }

    private static string Line(string what, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{what,-28} n={sorted.Length,3}  median {median,6:0.0} ms  min {sorted[0],6:0.0} ms  max {sorted[^1],6:0.0} ms");
    }
}
