using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

public class RpcPortRangeTests
{
    [Theory]
    [InlineData("49152-65535", 49152, 65535)]
    [InlineData(" 5000 - 5100 ", 5000, 5100)]
    [InlineData("6000-5000", 6000, 5000)]
    public void TryParse_TwoNumbersAroundADash_ReadsThem(string text, int low, int high)
    {
        Assert.True(RpcPortRange.TryParse(text, out var range));
        Assert.Equal(new RpcPortRange(low, high), range);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("49152")]
    [InlineData("-5000")]
    [InlineData("5000-")]
    [InlineData("+5000-6000")]
    [InlineData("5000-6000-7000")]
    [InlineData("5000..6000")]
    [InlineData("99999999999-1")]
    public void TryParse_NotARange_False(string? text)
    {
        Assert.False(RpcPortRange.TryParse(text, out _));
    }

    [Theory]
    [InlineData(1025, 65535, true)]
    [InlineData(5000, 5000, true)]
    [InlineData(1024, 5000, false)]
    [InlineData(5000, 65536, false)]
    [InlineData(6000, 5000, false)]
    public void IsValid_Bounds_AsWindowsTakesThem(int low, int high, bool valid)
    {
        Assert.Equal(valid, new RpcPortRange(low, high).IsValid);
    }

    [Fact]
    public void ToString_Range_IsLowDashHighThatParsesBack()
    {
        var text = RpcPortRange.WindowsDefault.ToString();

        Assert.Equal("49152-65535", text);
        Assert.True(RpcPortRange.TryParse(text, out var again));
        Assert.Equal(RpcPortRange.WindowsDefault, again);
    }
}
