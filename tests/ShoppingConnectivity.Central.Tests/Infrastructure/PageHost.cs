using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// A bUnit context whose services are a real central's (in-process, own SQLite database): pages read and write the
/// same stores the running program uses. The alert jobs are slowed to a crawl so the tests decide when things happen.
/// </summary>
public sealed class PageHost : IAsyncDisposable
{
    /// <param name="estateJson">The estate central starts with; null: <see cref="CentralFactory.EstateJson"/>.</param>
    public PageHost(IDictionary<string, string?>? settings = null, string? estateJson = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Central:Alerts:EvaluateSeconds"] = "3600",
            ["Central:Alerts:DeliverySeconds"] = "3600",
            ["Central:Alerts:GroupingSeconds"] = "0",
            ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        Factory = new CentralFactory(all, estateJson ?? CentralFactory.EstateJson);
        _ = Factory.Services; // starts central: migrated database, live state, stores
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        // MudBlazor registers the options system in the bUnit container: central's own options must win over empty ones.
        Context.Services.AddSingleton(Factory.Services.GetRequiredService<IOptions<CentralOptions>>());
        Context.Services.AddSingleton(Factory.Services.GetRequiredService<IOptions<AlertOptions>>());
        Context.Services.AddFallbackServiceProvider(Factory.Services);
        // Pages render as a signed-in Admin (bUnit's authentication state); tests change it with Auth.
        Auth = Context.AddAuthorization();
        Auth.SetAuthorized(UserName);
        Auth.SetRoles(CentralRoles.Admin);
        // Services that read "who" from the circuit's user live in bUnit's container, so they see that user.
        // (bUnit's fallback provider answers only direct look-ups, so their other services come from central's.)
        var central = Factory.Services;
        Context.Services.AddScoped<IAuditLog>(sp => new AuditLog(
            central.GetRequiredService<IDbContextFactory<CentralDbContext>>(), central.GetRequiredService<TimeProvider>(),
            central.GetRequiredService<IHttpContextAccessor>(), sp, central.GetRequiredService<ILogger<AuditLog>>()));
        // The reader's zone is the circuit's own (the app's root sets it): UTC unless a test says otherwise.
        Context.Services.AddScoped<UserTimeZone>();
        Context.Services.AddScoped(sp => new ShoppingConnectivity.Central.TestNow.TestNowService(
            central.GetRequiredService<ShoppingConnectivity.Central.Estates.EstateStore>(), central.GetRequiredService<ShoppingConnectivity.Central.Agents.AgentPlans>(),
            central.GetRequiredService<ShoppingConnectivity.Core.Catalogue.FlowCatalogue>(), central.GetRequiredService<ShoppingConnectivity.Central.TestNow.AgentRequestQueue>(),
            central.GetRequiredService<ShoppingConnectivity.Core.TestNow.TestNowLimiter>(), central.GetRequiredService<ShoppingConnectivity.Central.Live.LiveState>(),
            central.GetRequiredService<IDbContextFactory<CentralDbContext>>(), central.GetRequiredService<IOptions<CentralOptions>>(),
            sp.GetRequiredService<IAuditLog>(), central.GetRequiredService<TimeProvider>(),
            central.GetRequiredService<ILogger<ShoppingConnectivity.Central.TestNow.TestNowService>>()));
        Context.Services.AddScoped(sp => new UserAdministration(
            central.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IAuditLog>(), central.GetRequiredService<TimeProvider>()));
    }

    /// <summary>The name pages see as the signed-in user.</summary>
    public const string UserName = "page-admin";

    public BunitAuthorizationContext Auth { get; }

    public CentralFactory Factory { get; }

    public BunitContext Context { get; } = new();

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Factory.Dispose();
    }
}
