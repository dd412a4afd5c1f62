using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Failed password and setup-token attempts per client address, in a fixed window from the address's first one
/// (Central:Security:SignInFailuresPerAddress, SignInFailureWindowSeconds). Past the limit the address waits for the
/// window's end and nothing it offers is checked. Each attempt is counted as failed before it is checked and given back
/// when it was not a failure, so a burst of parallel guesses cannot slip past the count. Memory is bounded by
/// SignInTrackedAddresses: when that many are counted, new addresses share one count.
/// </summary>
public sealed class SignInThrottle(IOptions<SecurityOptions> options, TimeProvider clock)
{
    private const string Unknown = "unknown";
    private const string Overflow = "overflow";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Addresses (or /64 networks) counted now.</summary>
    public int TrackedAddresses
    {
        get { lock (_lock) return _windows.Count; }
    }

    /// <summary>Counts one failure in advance: null when the attempt may go on, else how long the address must wait.</summary>
    public TimeSpan? TryBegin(IPAddress? address)
    {
        var o = options.Value;
        var length = TimeSpan.FromSeconds(o.SignInFailureWindowSeconds);
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var key = KeyOf(address);
            if (!_windows.TryGetValue(key, out var window))
            {
                if (_windows.Count >= o.SignInTrackedAddresses) Prune(now, length);
                if (_windows.Count >= o.SignInTrackedAddresses) key = Overflow;
                window = _windows.TryGetValue(key, out var shared) ? shared : _windows[key] = new Window { Start = now };
            }

            if (now - window.Start >= length) (window.Start, window.Failures) = (now, 0);
            if (window.Failures >= o.SignInFailuresPerAddress) return window.Start + length - now;
            window.Failures++;
            return null;
        }
    }

    /// <summary>The attempt begun was no failure (signed in, or nothing was checked): its count is given back.</summary>
    public void Forgive(IPAddress? address)
    {
        lock (_lock)
        {
            var key = KeyOf(address);
            if (!_windows.TryGetValue(key, out var window) && !_windows.TryGetValue(key = Overflow, out window)) return;
            if (--window.Failures <= 0) _windows.Remove(key);
        }
    }

    /// <summary>The words for an address that has to wait (whole seconds, rounded up).</summary>
    public static string Message(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"Too many failed attempts from your address: wait {Seconds(wait)} s, then try again.");

    /// <summary>429 with Retry-After, for the page that shows <see cref="Message"/>.</summary>
    public static void Refuse(HttpResponse response, TimeSpan wait)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>IPv4 as it is; IPv6 by its /64 (one host or household usually holds a whole /64 and can pick any address in it).</summary>
    private static string KeyOf(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Prune(DateTimeOffset now, TimeSpan length)
    {
        foreach (var (key, window) in _windows)
        {
            if (now - window.Start >= length) _windows.Remove(key);
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Failures { get; set; }
    }
}
