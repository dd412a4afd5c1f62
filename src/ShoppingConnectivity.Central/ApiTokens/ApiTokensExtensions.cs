using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using ShoppingConnectivity.Central.Api;

namespace ShoppingConnectivity.Central.ApiTokens;

public static class ApiTokensExtensions
{
    /// <summary>The default scheme: a token on the API goes to <see cref="ApiTokenAuthenticationHandler"/>, everything else to the sign-in cookie.</summary>
    public const string CookieOrTokenScheme = "CookieOrApiToken";

    /// <summary>
    /// API tokens: their store, the "ApiToken" scheme and a default scheme that picks it or the cookie per request. Call
    /// after AddCentralSecurity: this replaces the default scheme that set (the cookie), which stays the answer for
    /// every request without a token, so pages and sign-in behave as before.
    /// </summary>
    public static IHostApplicationBuilder AddApiTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiTokenStore>();
        builder.Services.AddScoped<ApiTokenAdministration>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(CookieOrTokenScheme, "Sign-in cookie or API token", o =>
                o.ForwardDefaultSelector = context => AcceptsToken(context.Request) ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        builder.Services.Configure<AuthenticationOptions>(o => o.DefaultScheme = CookieOrTokenScheme);
        return builder;
    }

    /// <summary>
    /// Whether the request is one a token may make: 'Bearer scat_...' on the API for people (/api), not the agents'
    /// own endpoints (/api/v1/agents/..., which take agent tokens only), never a page, the Blazor hub or sign-in.
    /// </summary>
    public static bool AcceptsToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && (!request.Path.StartsWithSegments("/api/v1/agents", out var rest) || rest.Value is null or "" or "/")
        && ApiTokenFormat.LooksLikeToken(BearerToken.Of(request));
}
