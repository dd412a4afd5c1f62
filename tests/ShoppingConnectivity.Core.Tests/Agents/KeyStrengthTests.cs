using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Core.Tests.Agents;

public class KeyStrengthTests
{
    [Theory]
    [InlineData("hqj50dbq99ok97G_rCkMfDSgO4OF8hH-yf2dH7ySWkw")]
    [InlineData("3f9a1c0e7b5d2486af13c9e0d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8")]
    public void Weakness_RandomKey_None(string key) => Assert.Null(KeyStrength.Weakness(key));

    [Theory]
    [InlineData("short", "is 5 characters long")]
    [InlineData("development-only-enrolment-key", "is 30 characters long")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "has only 1 different characters")]
    [InlineData("0101010101010101010101010101010101010101", "has only 2 different characters")]
    public void Weakness_GuessableKey_SaysWhatIsWrongWithoutTheKey(string key, string expected)
    {
        var weakness = KeyStrength.Weakness(key);

        Assert.NotNull(weakness);
        Assert.StartsWith(expected, weakness, StringComparison.Ordinal);
        Assert.DoesNotContain(key, weakness, StringComparison.Ordinal);
    }
}
