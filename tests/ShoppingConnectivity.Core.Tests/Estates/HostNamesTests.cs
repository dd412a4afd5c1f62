using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Estates;

public class HostNamesTests
{
    [Theory]
    [InlineData("web01")]
    [InlineData("SHOP-WEB01")]
    [InlineData("shop-web01.contoso.example")]
    [InlineData("a")]
    [InlineData("10.0.0.1")]
    [InlineData("xn--bcher-kva.example")]
    public void IsValid_DnsHostName_True(string name) => Assert.True(HostNames.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".web01")]
    [InlineData("web01.")]
    [InlineData("web01..contoso")]
    [InlineData("-web01")]
    [InlineData("web01-")]
    [InlineData("web01.-contoso")]
    [InlineData("web_01")]
    [InlineData("web 01")]
    [InlineData("wéb01")]
    [InlineData("web01/..")]
    public void IsValid_NotAHostName_False(string name) => Assert.False(HostNames.IsValid(name));

    [Fact]
    public void IsValid_LabelAndNameLengths_AtTheLimitsOnly()
    {
        Assert.True(HostNames.IsValid(new string('a', 63) + ".example"));
        Assert.False(HostNames.IsValid(new string('a', 64) + ".example"));
        var longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];
        Assert.True(HostNames.IsValid(longest));
        Assert.False(HostNames.IsValid(longest + "a"));
    }

    [Fact]
    public void Key_NamesDifferingOnlyInCase_AreOneHost()
    {
        Assert.Equal(HostNames.Key("SHOP-WEB01"), HostNames.Key("shop-web01"));
        Assert.Equal(0, HostNames.Comparer.Compare("SHOP-WEB01", "shop-web01"));
    }
}
