using ShoppingConnectivity.Agent;
using ShoppingConnectivity.Agent.Hosting;
using ShoppingConnectivity.Agent.Preflight;

// Before any socket exists: the runtime reads these once (docs/benchmarks.md, "Agent footprint").
AgentRuntime.UseInlineSocketCompletions();

if (args is ["--help"] or ["-h"] or ["-?"] or ["help"])
{
    Console.WriteLine(AgentHelp.Text);
    return 0;
}

// `preflight`: a one-shot check for the install engineer, no central and no host needed.
if (args.Length > 0 && args[0] == "preflight")
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    return await PreflightCommand.RunAsync(args[1..], Console.Out, Console.Error, cancel.Token);
}

// Content root is the program's folder, so appsettings.json is found when started as a service from anywhere.
// Settings are read once at start (the plan, not the settings, changes at run time): no file watcher, which
// would wake a thread at every outbox write when the data folder is beside the program (the default).
var settings = new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    Configuration = new ConfigurationManager(),
};
settings.Configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
var builder = Host.CreateApplicationBuilder(settings);
// Each is a no-op unless started by its service manager: Windows SCM (start/stop, event log) or systemd (Type=notify, journal log levels).
builder.Services.AddWindowsService();
builder.Services.AddSystemd();
builder.AddAgent();

await builder.Build().RunAsync();
return 0;
