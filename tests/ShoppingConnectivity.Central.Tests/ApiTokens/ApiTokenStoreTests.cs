using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.ApiTokens;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.ApiTokens;

/// <summary>Making, listing and revoking tokens, and what the store refuses.</summary>
public sealed class ApiTokenStoreTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
    private readonly CentralFactory _factory;

    public ApiTokenStoreTests() => _factory = new CentralFactory(clock: _clock);

    private ApiTokenStore Store => _factory.Services.GetRequiredService<ApiTokenStore>();

    private DateTimeOffset In90Days => _clock.GetUtcNow().AddDays(90);

    [Fact]
    public async Task Create_Valid_ListedActiveWithItsCreator()
    {
        var (token, secret, errors) = await Store.CreateAsync(" nightly-report ", "operator", In90Days, "admin-ann");

        Assert.Empty(errors);
        Assert.StartsWith(ApiTokenFormat.Prefix, secret, StringComparison.Ordinal);
        var listed = Assert.Single(await Store.ListAsync());
        Assert.Equal(("nightly-report", CentralRoles.Operator, "admin-ann", ApiTokenStatus.Active, In90Days), (listed.Name, listed.Role, listed.CreatedBy, listed.Status, listed.ExpiresAt));
        Assert.Equal(token!.Id, listed.Id);
        Assert.Null(listed.LastUsedAt);
        Assert.Equal(listed.Id, (await Store.CheckAsync(secret!)).Token!.Id);
    }

    [Theory]
    [InlineData(null, "Viewer", "name: give the token a name")]
    [InlineData("  ", "Viewer", "name: give the token a name")]
    [InlineData("has space", "Viewer", "name: letters, digits")]
    [InlineData("-dash-first", "Viewer", "name: letters, digits")]
    [InlineData("ok", "Admin", "role: 'Admin' is not a token role")]
    [InlineData("ok", null, "role: '' is not a token role")]
    public async Task Create_BadNameOrRole_RefusedOnItsField(string? name, string? role, string error)
    {
        var (token, secret, errors) = await Store.CreateAsync(name, role, In90Days, "admin-ann");

        Assert.Null(token);
        Assert.Null(secret);
        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Create_NameTooLong_Refused()
    {
        var (_, _, errors) = await Store.CreateAsync(new string('a', ApiTokenStore.MaxNameLength + 1), "Viewer", In90Days, "admin-ann");

        Assert.Contains(errors, e => e.StartsWith("name: at most 64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_NameTakenInAnotherCaseEvenRevoked_Refused()
    {
        var (first, _, _) = await Store.CreateAsync("Backup-Job", "Viewer", In90Days, "admin-ann");
        await Store.RevokeAsync(first!.Id, "admin-ann");

        var (token, _, errors) = await Store.CreateAsync("backup-job", "Viewer", In90Days, "admin-ann");

        Assert.Null(token);
        Assert.StartsWith("name: a token named 'backup-job' exists already", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NoPastOrTooFarExpiry_Refused()
    {
        var now = _clock.GetUtcNow();

        Assert.StartsWith("expiresAt: choose", Assert.Single((await Store.CreateAsync("a", "Viewer", null, "x")).Errors), StringComparison.Ordinal);
        Assert.Contains("is not in the future", Assert.Single((await Store.CreateAsync("a", "Viewer", now, "x")).Errors), StringComparison.Ordinal);
        Assert.StartsWith("expiresAt: at most 730 days", Assert.Single((await Store.CreateAsync("a", "Viewer", now.AddDays(731), "x")).Errors), StringComparison.Ordinal);
        Assert.Empty((await Store.CreateAsync("a", "Viewer", now + ApiTokenStore.MaxLifetime, "x")).Errors);
    }

    [Fact]
    public async Task Revoke_Token_StatusRevokedByWhomAndCheckRefuses()
    {
        var (token, secret, _) = await Store.CreateAsync("to-revoke", "Viewer", In90Days, "admin-ann");
        Assert.NotNull((await Store.CheckAsync(secret!)).Token);

        var revoked = await Store.RevokeAsync(token!.Id, "admin-bob");
        _clock.Advance(TimeSpan.FromMinutes(5));
        var again = await Store.RevokeAsync(token.Id, "admin-cy");

        Assert.Equal((ApiTokenStatus.Revoked, "admin-bob"), (revoked!.Status, revoked.RevokedBy));
        Assert.Equal((revoked.RevokedAt, "admin-bob"), (again!.RevokedAt, again.RevokedBy));
        Assert.Equal("token revoked", (await Store.CheckAsync(secret!)).Failure);
        Assert.Null(await Store.RevokeAsync(Guid.NewGuid(), "admin-bob"));
    }

    [Fact]
    public async Task List_PastExpiry_Expired()
    {
        await Store.CreateAsync("short", "Viewer", _clock.GetUtcNow().AddDays(30), "admin-ann");

        _clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(ApiTokenStatus.Expired, Assert.Single(await Store.ListAsync()).Status);
    }

    public void Dispose() => _factory.Dispose();
}
