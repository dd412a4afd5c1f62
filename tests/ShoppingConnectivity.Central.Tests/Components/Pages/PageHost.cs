using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Components.Pages;

/// <summary>
/// A bUnit context whose services are a real central's (in-process, own SQLite database): pages read and write the
/// same stores the running program uses. The alert jobs are slowed to a crawl so the tests decide when things happen.
/// </summary>
public sealed class PageHost : IAsyncDisposable
{
    public PageHost(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Central:Alerts:EvaluateSeconds"] = "3600",
            ["Central:Alerts:DeliverySeconds"] = "3600",
            ["Central:Alerts:GroupingSeconds"] = "0",
            ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        Factory = new CentralFactory(all);
        _ = Factory.Services; // starts central: migrated database, live state, stores
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        // MudBlazor registers the options system in the bUnit container: central's own options must win over empty ones.
        Context.Services.AddSingleton(Factory.Services.GetRequiredService<IOptions<CentralOptions>>());
        Context.Services.AddSingleton(Factory.Services.GetRequiredService<IOptions<AlertOptions>>());
        Context.Services.AddFallbackServiceProvider(Factory.Services);
    }

    public CentralFactory Factory { get; }

    public BunitContext Context { get; } = new();

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Factory.Dispose();
    }
}
