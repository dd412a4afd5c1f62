namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class LoopbackServersCollection : ICollectionFixture<LoopbackServers>
{
    public const string Name = "Real servers on loopback";
}
