using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Agents;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Agents;

public class EnrolmentValidatorTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;

    [Fact]
    public void Validate_HostKeyVersionAndKnownRoles_NoError() =>
        Assert.Empty(EnrolmentValidator.Validate(new EnrolmentRequest("shop-web01.contoso.example", "key", "1.2.3", ["Website", "centralservice"]), Catalogue));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("web01;rm")]
    [InlineData("web 01")]
    [InlineData("wéb01")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("web01..contoso")]
    [InlineData("-web01")]
    public void Validate_BadHostName_NamesTheField(string hostName) =>
        Assert.Equal([$"hostName: '{hostName}' is not a valid host name ({HostNames.Rule})."],
            EnrolmentValidator.Validate(new EnrolmentRequest(hostName, "key", null), Catalogue));

    [Fact]
    public void Validate_HostNameOf254Characters_Refused() =>
        Assert.Single(EnrolmentValidator.Validate(new EnrolmentRequest(new string('a', 254), "key", null), Catalogue), e => e.StartsWith("hostName:", StringComparison.Ordinal));

    [Fact]
    public void Validate_EverythingWrong_ListsEveryField()
    {
        var errors = EnrolmentValidator.Validate(new EnrolmentRequest("", "", new string('1', 65), ["Website", "SqlServer"]), Catalogue);

        Assert.Equal(4, errors.Count);
        Assert.StartsWith("hostName:", errors[0], StringComparison.Ordinal);
        Assert.Equal("version: at most 64 characters.", errors[1]);
        Assert.Equal("enrolmentKey: required.", errors[2]);
        Assert.StartsWith("roles[1]: unknown role 'SqlServer' (known: ", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooManyRoles_SaysSoAndChecksOnlyTheFirstTwenty()
    {
        var roles = Enumerable.Repeat("Nope", 25).ToList();

        var errors = EnrolmentValidator.Validate(new EnrolmentRequest("web01", "key", null, roles), Catalogue);

        Assert.Equal("roles: at most 20 roles.", errors[0]);
        Assert.Equal(21, errors.Count);
    }
}
