using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central;

public static class ShutdownExtensions
{
    /// <summary>
    /// The stop's settings and its hard cap (the host's shutdown timeout, 30 s by default in .NET). The features make
    /// the stop quick themselves: the UI's circuits, the jobs and the ingestion writer each end what they hold.
    /// </summary>
    public static IHostApplicationBuilder AddCentralShutdown(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>().Bind(builder.Configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        // Read here rather than through IOptions, whose validation would throw wherever the host reads its options;
        // a bad value fails the start above, naming its key, like every other setting.
        var timeout = builder.Configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>()?.TimeoutSeconds ?? new ShutdownOptions().TimeoutSeconds;
        if (timeout > 0) builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(timeout));
        return builder;
    }
}
