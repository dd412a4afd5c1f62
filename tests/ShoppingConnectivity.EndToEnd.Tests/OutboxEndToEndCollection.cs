using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// These tests measure gaps between probe times, so they run on their own, not beside the browser and edge tests
/// (two cores loaded by several programs at once would stretch the gaps, not the outbox).
/// </summary>
[CollectionDefinition(nameof(OutboxEndToEndTests), DisableParallelization = true)]
public sealed class OutboxEndToEndCollection;
