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
                o.DataDirectory = CentralOptions.ResolvePath(o.DataDirectory, builder.Environment);
                if (!string.IsNullOrWhiteSpace(o.EstatePath))
                    o.EstatePath = CentralOptions.ResolvePath(o.EstatePath, builder.Environment);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CentralOptions>, CentralOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
