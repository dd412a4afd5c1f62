using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// Slows down guessing of enrolment keys: past a few wrong keys a client address is locked out for a time that doubles
/// with each further wrong key. Past many wrong keys from all addresses together, every address that has offered a
/// wrong key is locked out as well, so spreading guesses over many addresses buys one guess per address; an address
/// that never offered a wrong key (a new agent) still enrols. While locked out a key is not even looked at.
/// </summary>
public sealed class EnrolmentThrottle
{
    private const string Everyone = "*";
    private readonly FailureThrottle _perAddress;
    private readonly FailureThrottle _overall;
    private readonly TimeProvider _clock;

    public EnrolmentThrottle(IOptions<EnrolmentOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        var first = TimeSpan.FromSeconds(o.FirstLockoutSeconds);
        var longest = TimeSpan.FromSeconds(o.LongestLockoutSeconds);
        _perAddress = new FailureThrottle(o.FreeFailuresPerAddress, first, longest);
        _overall = new FailureThrottle(o.FreeFailuresOverall, first, longest);
        _clock = clock;
    }

    /// <summary>How long <paramref name="address"/> must wait before its next key is looked at; zero when it may try now.</summary>
    public TimeSpan WaitFor(string address)
    {
        var now = _clock.GetUtcNow();
        var own = _perAddress.WaitFor(address, now);
        if (_perAddress.FailuresOf(address, now) == 0) return own;
        var all = _overall.WaitFor(Everyone, now);
        return own > all ? own : all;
    }

    public void Failed(string address)
    {
        var now = _clock.GetUtcNow();
        _perAddress.Failed(address, now);
        _overall.Failed(Everyone, now);
    }

    /// <summary>A good key: the address starts again; the count over all addresses only fades with time.</summary>
    public void Succeeded(string address) => _perAddress.Succeeded(address);
}
