namespace ShoppingConnectivity.Core.TestNow;

/// <summary>What a "Test now" asks for: every link of an edge, every link from or to a host, or one link.</summary>
public enum TestNowScope
{
    Edge,
    Host,
    Link,
}
