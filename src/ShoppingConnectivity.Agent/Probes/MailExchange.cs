using MailKit;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>Turns MailKit's verdicts into the probe's: unparsable answers are another protocol, refusals an unhealthy server.</summary>
internal static class MailExchange
{
    public static async Task RunAsync(string protocol, Func<Task> connect)
    {
        try
        {
            await connect();
        }
        catch (ProtocolException ex)
        {
            throw new ProtocolMismatchException(ex.Message.TrimEnd('.'));
        }
        catch (CommandException ex)
        {
            throw new UnhealthyServiceException($"the {protocol} server answered, but refused the session: {ex.Message.TrimEnd('.')}.");
        }
    }

    /// <summary>QUIT politely; the answer is already proven, so a server that drops the line here changes nothing.</summary>
    public static async Task QuitAsync(Func<Task> quit)
    {
        try
        {
            await quit();
        }
        catch (Exception ex) when (ex is IOException or ProtocolException or CommandException or OperationCanceledException)
        {
            // Already judged reachable.
        }
    }
}
