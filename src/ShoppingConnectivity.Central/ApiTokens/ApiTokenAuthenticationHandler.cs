using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Api;

namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>
/// The "ApiToken" scheme: 'Authorization: Bearer scat_...' on the API (<see cref="ApiTokensExtensions.AcceptsToken"/>).
/// The caller is then "token:name" with the token's role, so the role policies and the audit log work as for a person.
/// A refused token answers 401 with the reason in WWW-Authenticate (RFC 6750) and in a problem.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The claim holding the token's id (its name is the identity's name, after "token:").</summary>
    public const string TokenIdClaim = "sc:api-token";

    public const string NamePrefix = "token:";

    private string? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.Of(Request);
        if (!ApiTokenFormat.LooksLikeToken(token)) return AuthenticateResult.NoResult();
        var check = await tokens.CheckAsync(token!, Context.RequestAborted);
        if (check.Token is not { } record)
        {
            _failure = check.Failure;
            // The token itself is never logged: the reason and the path are enough to find the script.
            Logger.LogInformation("API token refused ({Reason}) for {Method} {Path}.", check.Failure, Request.Method, Request.Path);
            return AuthenticateResult.Fail(check.Failure!);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, NamePrefix + record.Name),
                new Claim(ClaimTypes.Role, record.Role),
                new Claim(TokenIdClaim, record.Id.ToString()),
            ],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        var reason = _failure ?? "token unknown";
        Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
        await TypedResults.Problem(
            title: "API token rejected.",
            detail: $"The bearer token was refused: {reason}. An Admin makes a new one on central's API tokens page (/settings/api-tokens).",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        await TypedResults.Problem(
            title: "Not allowed for this token.",
            detail: $"The token's role ({role}) may not do this. Tokens are Viewer or Operator: reading needs a Viewer token, "
                + "acknowledging and Test now an Operator token, and Admin work is done signed in as an Admin.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
