using ShoppingConnectivity.Core.Text;

namespace ShoppingConnectivity.Core.Tests.Text;

public class StringPoolTests
{
    [Fact]
    public void Get_EqualTexts_FirstInstanceEachTime()
    {
        var pool = new StringPool();
        var first = new string("client-dc-ldap/dc01/389".AsSpan());
        var second = new string("client-dc-ldap/dc01/389".AsSpan());

        Assert.Same(first, pool.Get(first));
        Assert.Same(first, pool.Get(second));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Get_Null_Null() => Assert.Null(new StringPool().Get(null));

    [Fact]
    public void Get_MoreTextsThanTheCapacity_StartsAgainInsteadOfGrowing()
    {
        var pool = new StringPool(capacity: 2);
        var a = new string('a', 3);
        pool.Get(a);
        pool.Get("b");

        pool.Get("c"); // full: starts again with "c"
        var anotherA = new string('a', 3);

        Assert.Same(anotherA, pool.Get(anotherA));
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new StringPool(0));
}
