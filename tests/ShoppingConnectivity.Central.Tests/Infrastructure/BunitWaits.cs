using System.Runtime.CompilerServices;
using Bunit;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// bUnit waits 1 s for a page to render what a test expects: pages that query a real database (PostgreSQL, a busy CI
/// machine running the browser suites beside) can take longer without being wrong. A passing wait returns as soon as it
/// passes, so the longer ceiling costs only failing tests.
/// </summary>
internal static class BunitWaits
{
#pragma warning disable CA2255 // A test assembly's own setting, before any test: what module initialisers are for.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Lengthen() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
