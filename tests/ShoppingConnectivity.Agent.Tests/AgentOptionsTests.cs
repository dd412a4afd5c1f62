namespace ShoppingConnectivity.Agent.Tests;

public sealed class AgentOptionsTests
{
    [Fact]
    public void Validate_BadSettings_ListsEveryKey()
    {
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions
        {
            CentralUrl = "ftp://central",
            PushIntervalSeconds = 0,
            MaxBatchSize = 0,
            DataDirectory = " ",
            MaxConcurrentProbes = 0,
            CertificateWarningDays = -1,
            Roles = ["Website", "Webserver"],
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Roles:1: unknown role 'Webserver'", StringComparison.Ordinal));
        foreach (var key in new[] { "Agent:CentralUrl", "Agent:PushIntervalSeconds", "Agent:MaxBatchSize", "Agent:DataDirectory", "Agent:MaxConcurrentProbes", "Agent:CertificateWarningDays" })
        {
            Assert.Contains(result.Failures!, f => f.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_Defaults_WithCentralUrl_Succeed() =>
        Assert.True(new AgentOptionsValidator().Validate(null, new AgentOptions { CentralUrl = "https://central:8443/" }).Succeeded);
}
