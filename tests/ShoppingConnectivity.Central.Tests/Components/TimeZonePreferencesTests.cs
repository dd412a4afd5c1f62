using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Components;

/// <summary>Each person's zone is kept with their user (so it follows them to another browser), on both databases.</summary>
public sealed class TimeZonePreferencesTests : IDisposable
{
    private readonly CentralFactory _central = new();

    [Fact]
    public async Task SetAsync_KnownZone_GetReturnsIt()
    {
        await AddUserAsync("ann");
        var preferences = _central.Services.GetRequiredService<TimeZonePreferences>();

        Assert.Null(await preferences.SetAsync("ANN", "Asia/Tokyo"));

        Assert.Equal("Asia/Tokyo", preferences.Get("ann"));
    }

    [Fact]
    public async Task SetAsync_UtcAnyCase_StoredAsUtc()
    {
        await AddUserAsync("ann");
        var preferences = _central.Services.GetRequiredService<TimeZonePreferences>();

        Assert.Null(await preferences.SetAsync("ann", "utc"));

        Assert.Equal("UTC", preferences.Get("ann"));
    }

    [Fact]
    public async Task SetAsync_Browser_NothingStored()
    {
        await AddUserAsync("ann");
        var preferences = _central.Services.GetRequiredService<TimeZonePreferences>();
        await preferences.SetAsync("ann", "UTC");

        Assert.Null(await preferences.SetAsync("ann", DisplayZone.Browser));

        Assert.Null(preferences.Get("ann"));
    }

    [Fact]
    public async Task SetAsync_UnknownZone_ErrorNamesItAndKeepsTheChoice()
    {
        await AddUserAsync("ann");
        var preferences = _central.Services.GetRequiredService<TimeZonePreferences>();
        await preferences.SetAsync("ann", "Europe/Paris");

        var error = await preferences.SetAsync("ann", "Europe/Atlantis");

        Assert.StartsWith("Time zone: 'Europe/Atlantis'", error, StringComparison.Ordinal);
        Assert.Equal("Europe/Paris", preferences.Get("ann"));
    }

    [Fact]
    public async Task SetAsync_NoSuchUser_Error()
    {
        var preferences = _central.Services.GetRequiredService<TimeZonePreferences>();

        Assert.NotNull(await preferences.SetAsync("nobody", "UTC"));
        Assert.Null(preferences.Get("nobody"));
    }

    private async Task AddUserAsync(string name)
    {
        using var scope = _central.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        var result = await users.CreateAsync(new CentralUser { UserName = name });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public void Dispose() => _central.Dispose();
}
