namespace ShoppingConnectivity.Agent.Tests.Lab;

[CollectionDefinition(Name)]
public sealed class FirewallLabCollection : ICollectionFixture<FirewallLab>
{
    public const string Name = "Firewall lab (network namespaces)";
}
