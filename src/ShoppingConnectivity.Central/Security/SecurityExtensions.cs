using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

public static class SecurityExtensions
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string SetupPath = "/account/setup";
    public const string CookieName = "ShoppingConnectivity.Session";

    public static IHostApplicationBuilder AddCentralSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddOptions<BootstrapOptions>().Bind(builder.Configuration.GetSection(BootstrapOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddOptions<LdapOptions>().Bind(builder.Configuration.GetSection(LdapOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LdapOptions>, LdapOptionsValidator>();
        builder.AddCentralDataProtection();

        services.AddHttpContextAccessor();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<CentralUser>(o =>
            {
                o.User.AllowedUserNameCharacters = UserNames.Allowed;
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = Passwords.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CentralDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((o, security) =>
            {
                o.LoginPath = LoginPath;
                o.LogoutPath = LogoutPath;
                o.AccessDeniedPath = AccessDeniedPath;
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(security.Value.SessionHours);
                // Scripts and the Blazor hub get a status, not a login page: only a browser navigation is redirected.
                o.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
            });
        // A changed password, role or a disabled account ends open sessions at their next check.
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SecurityOptions>>((o, security) => o.ValidationInterval = TimeSpan.FromSeconds(security.Value.SessionValidationSeconds));

        var viewer = Policy(CentralRoles.Viewer);
        services.AddAuthorizationBuilder()
            .AddPolicy(CentralPolicies.Viewer, viewer)
            .AddPolicy(CentralPolicies.Operator, Policy(CentralRoles.Operator))
            .AddPolicy(CentralPolicies.Admin, Policy(CentralRoles.Admin))
            // Whatever has no policy of its own (a new page or endpoint) still needs a signed-in user with a role.
            .SetFallbackPolicy(viewer);

        // The agent API's limit is the global limiter (it leaves every other endpoint alone); see AgentRequestLimiter.
        services.AddSingleton<AgentRequestLimiter>();
        services.AddRateLimiter(o => o.OnRejected = OnRateLimitedAsync);
        services.AddOptions<RateLimiterOptions>().Configure<AgentRequestLimiter>((o, limiter) => o.GlobalLimiter = limiter);

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            // Central is often reached by address on a closed network: no host is exempt (Development sends no HSTS at all).
            o.ExcludedHosts.Clear();
        });

        services.AddScoped<AccountService>();
        services.AddScoped<UserAdministration>();
        services.AddSingleton<SetupToken>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DecoyPassword>();
        services.AddSingleton<LdapAuthenticator>();
        return builder;
    }

    /// <summary>Security headers on every answer, HSTS outside Development, then sign-in, roles, rate limits, antiforgery.</summary>
    public static WebApplication UseCentralSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    public static WebApplication UseCentralSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>Logout is a POST with an antiforgery token (a link or an image cannot sign anyone out).</summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost(LogoutPath, async ([FromForm] string? returnUrl, AccountService accounts, HttpContext context) =>
        {
            await accounts.SignOutAsync(context);
            return TypedResults.LocalRedirect(LoginPath);
        }).AllowAnonymous().DisableRateLimiting()
            // A page's form, not an API: out of the OpenAPI document like the pages themselves.
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Pages under /api, the OpenAPI document and the Blazor hub answer with a status; a browser navigation goes to the
    /// login or access-denied page.
    /// </summary>
    public static bool IsNavigation(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi") && !request.Path.StartsWithSegments("/_blazor") && !request.Path.StartsWithSegments("/_framework");

    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsNavigation(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }

    private static Microsoft.AspNetCore.Authorization.AuthorizationPolicy Policy(string role) =>
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireRole(CentralRoles.AtLeast(role))
            .Build();

    private static async ValueTask OnRateLimitedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var who = context.Request.RouteValues.TryGetValue("id", out var id) ? $"agent '{id}'" : $"address {context.Connection.RemoteIpAddress}";
        var detail = $"Too many requests from {who}: retry after {seconds} s (see {SecurityOptions.Section}:AgentRequestsPerMinute and EnrolRequestsPerMinute).";
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ShoppingConnectivity.Central.Security.RateLimit")
            .LogWarning("{Method} {Path} refused with 429: {Detail}", context.Request.Method, context.Request.Path, detail);
        await TypedResults.Problem(title: "Too many requests.", detail: detail, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }
}
