namespace ShoppingConnectivity.Central.Agents;

public static class AgentsExtensions
{
    /// <summary>Agents: enrolment and its keys, tokens, each host's plan and what changes plans, the probes an agent may report, the agents' directory.</summary>
    public static IHostApplicationBuilder AddAgents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EnrolmentKeys>();
        builder.Services.AddSingleton<AgentPlans>();
        builder.Services.AddSingleton<AgentProbes>();
        builder.Services.AddSingleton<AgentDirectory>();
        builder.Services.AddSingleton<PlanChanges>();
        builder.Services.AddHostedService(s => s.GetRequiredService<PlanChanges>());
        return builder;
    }
}
