using ShoppingConnectivity.Agent;

// Content root is the program's folder, so appsettings.json is found when started as a service from anywhere.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddAgent();

await builder.Build().RunAsync();
