using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using ShoppingConnectivity.Central.Audit;

namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>Making and revoking tokens as the signed-in Admin: who did it is stored and audited (never the token).</summary>
public sealed class ApiTokenAdministration(ApiTokenStore store, IAuditLog audit, AuthenticationStateProvider authentication)
{
    public Task<IReadOnlyList<ApiTokenView>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    public async Task<(ApiTokenView? Token, string? Secret, IReadOnlyList<string> Errors)> CreateAsync(
        string? name, string? role, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var result = await store.CreateAsync(name, role, expiresAt, await UserAsync(), cancellationToken);
        if (result.Token is { } token)
        {
            await audit.RecordAsync("api-token.create", token.Name,
                $"role {token.Role}, expires {token.ExpiresAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC", cancellationToken);
        }

        return result;
    }

    public async Task<ApiTokenView?> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var token = await store.RevokeAsync(id, await UserAsync(), cancellationToken);
        if (token is not null) await audit.RecordAsync("api-token.revoke", token.Name, $"role {token.Role}", cancellationToken);
        return token;
    }

    private async Task<string> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";
}
