namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>One piece of the agent's recurring work (the plan refresh), run by <see cref="RecurringJobService{TJob}"/>.</summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken cancellationToken);
}
