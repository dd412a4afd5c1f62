namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>Alone: a publish takes both cores for a while, which would slow the timed end-to-end tests beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishCollection
{
    public const string Name = "Publish";
}
