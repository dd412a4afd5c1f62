using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Agents;

public static class AgentsExtensions
{
    /// <summary>Agents: enrolment and its keys, tokens, each host's plan and what changes plans, the probes an agent may report, the agents' directory.</summary>
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EnrolmentOptions>().Bind(builder.Configuration.GetSection(EnrolmentOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EnrolmentOptions>, EnrolmentOptionsValidator>();
        builder.Services.AddSingleton<EnrolmentKeys>();
        builder.Services.AddSingleton<EnrolmentThrottle>();
        builder.Services.AddSingleton<AgentEnrolment>();
        builder.Services.AddSingleton<AgentTokenCache>();
        builder.Services.AddSingleton<AgentPlans>();
        builder.Services.AddSingleton<AgentProbes>();
        builder.Services.AddSingleton<AgentDirectory>();
        builder.Services.AddSingleton<PlanChanges>();
        builder.Services.AddHostedService(s => s.GetRequiredService<PlanChanges>());
        return builder;
    }
}
