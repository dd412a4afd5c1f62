namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>The stop is timed: it runs on its own, not beside other programs loading the two cores.</summary>
[CollectionDefinition(nameof(ShutdownEndToEndTests), DisableParallelization = true)]
public sealed class ShutdownEndToEndCollection;
