using ShoppingConnectivity.Agent;

// Content root is the program's folder, so appsettings.json is found when started as a service from anywhere.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
// Each is a no-op unless started by its service manager: Windows SCM (start/stop, event log) or systemd (Type=notify, journal log levels).
builder.Services.AddWindowsService();
builder.Services.AddSystemd();
builder.AddAgent();

await builder.Build().RunAsync();
