using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central;

public static class CentralOptionsExtensions
{
    public static IHostApplicationBuilder AddCentralOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CentralOptions>()
            .Bind(builder.Configuration.GetSection(CentralOptions.Section))
            .PostConfigure(o =>
            {
                // Relative paths follow the content root, so `dotnet run` and a service behave the same.
                o.DataDirectory = Path.GetFullPath(o.DataDirectory, builder.Environment.ContentRootPath);
                if (!string.IsNullOrWhiteSpace(o.EstatePath))
                    o.EstatePath = Path.GetFullPath(o.EstatePath, builder.Environment.ContentRootPath);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CentralOptions>, CentralOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
