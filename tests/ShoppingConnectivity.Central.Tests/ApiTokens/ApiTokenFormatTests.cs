using System.Text.RegularExpressions;
using ShoppingConnectivity.Central.ApiTokens;

namespace ShoppingConnectivity.Central.Tests.ApiTokens;

public sealed class ApiTokenFormatTests
{
    [Fact]
    public void New_Token_PrefixIdAnd256RandomBitsThatScannersMatch()
    {
        var id = Guid.NewGuid();

        var token = ApiTokenFormat.New(id);

        Assert.Matches("^" + ApiTokenFormat.Pattern + "$", token);
        Assert.Equal(id, ApiTokenFormat.IdOf(token));
        // 43 base64url characters carry 258 bits, of which 256 are the random bytes.
        Assert.Equal(43, token.Split('_', 3)[2].Length);
        Assert.NotEqual(token, ApiTokenFormat.New(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("scat_")]
    [InlineData("Scat_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("scat_0123456789ABCDEF0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("scat_0123456789abcdef0123456789abcdef_AAAA")]
    [InlineData("scat_0123456789abcdef0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ")]
    public void IdOf_Malformed_Null(string token) => Assert.Null(ApiTokenFormat.IdOf(token));

    [Fact]
    public void HashesMatch_EmptyStoredHash_False() => Assert.False(ApiTokenFormat.HashesMatch(ApiTokenFormat.Hash(""), ""));

    [Fact]
    public void Pattern_IsAValidRegex() => Assert.NotNull(new Regex(ApiTokenFormat.Pattern));
}
