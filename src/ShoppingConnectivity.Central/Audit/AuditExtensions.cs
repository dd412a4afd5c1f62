namespace ShoppingConnectivity.Central.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log features record admin and operator changes in (scoped: "who" is the request's or circuit's user).</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAuditLog, AuditLog>();
        return builder;
    }
}
