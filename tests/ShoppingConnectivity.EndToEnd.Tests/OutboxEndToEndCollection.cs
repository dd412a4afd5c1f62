namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// These tests measure gaps between probe times, so they run on their own, not beside the browser and edge tests
/// (two cores loaded by several programs at once would stretch the gaps, not the outbox).
/// </summary>
[CollectionDefinition(nameof(OutboxEndToEndTests), DisableParallelization = true)]
public sealed class OutboxEndToEndCollection;
