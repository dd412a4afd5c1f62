using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>A result batch as it went past the proxy towards central.</summary>
public sealed record SentBatch(DateTimeOffset ArrivedAt, ResultBatch Batch);
