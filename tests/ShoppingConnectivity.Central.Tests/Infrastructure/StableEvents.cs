using Bunit;
using Microsoft.AspNetCore.Components;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// Find an element and fire its event in one turn of the renderer (bUnit's advice): a page that finishes loading
/// after its first render (slower on the PostgreSQL pass) re-renders between a separate Find and Click, and the
/// event then goes to a handler that no longer exists.
/// </summary>
public static class StableEvents
{
    public static void ClickOn<TComponent>(this IRenderedComponent<TComponent> cut, string selector)
        where TComponent : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Click()).GetAwaiter().GetResult();

    public static void ChangeOn<TComponent, TValue>(this IRenderedComponent<TComponent> cut, string selector, TValue value)
        where TComponent : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Change(value)).GetAwaiter().GetResult();
}
