using ShoppingConnectivity.Central.ApiTokens;
using ShoppingConnectivity.Central.ApiTokens.Pages;

namespace ShoppingConnectivity.Central.Tests.ApiTokens.Pages;

public sealed class ApiTokensPageModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30", 30)]
    [InlineData("90", 90)]
    [InlineData("365", 365)]
    public void ExpiresAt_Days_ThatManyDaysFromNow(string choice, int days) =>
        Assert.Equal(Now.AddDays(days), new ApiTokensPageModel { Expiry = choice }.ExpiresAt(Now));

    [Fact]
    public void ExpiresAt_Date_TheEndOfThatDayUtc() =>
        Assert.Equal(new DateTimeOffset(2027, 3, 2, 0, 0, 0, TimeSpan.Zero), new ApiTokensPageModel { Expiry = ApiTokensPageModel.OnDate, Date = "2027-03-01" }.ExpiresAt(Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01/03/2027")]
    public void ExpiresAt_DateMissingOrUnreadable_Null(string? date) =>
        Assert.Null(new ApiTokensPageModel { Expiry = ApiTokensPageModel.OnDate, Date = date }.ExpiresAt(Now));

    [Fact]
    public void Created_Errors_EachOnItsFieldAndNoSecret()
    {
        var page = new ApiTokensPageModel { Name = "x y" };

        page.Created(null, null, ["name: letters only", "expiresAt: choose when"]);

        Assert.Equal(("letters only", null, "choose when", null), (page.NameError, page.RoleError, page.ExpiryError, page.Secret));
        Assert.Equal("x y", page.Name);
    }

    [Fact]
    public void Created_Token_ShowsTheSecretAndEmptiesTheForm()
    {
        var page = new ApiTokensPageModel { Name = "job", Role = CentralRoles.Operator, Expiry = "365" };
        var view = new ApiTokenView(Guid.NewGuid(), "job", CentralRoles.Operator, "ann", Now, Now.AddDays(365), null, null, null, ApiTokenStatus.Active);

        page.Created(view, "scat_secret", []);

        Assert.Equal(("scat_secret", "job", null, CentralRoles.Viewer, "90"), (page.Secret, page.SecretName, page.Name, page.Role, page.Expiry));
        page.StartCreate();
        Assert.Null(page.Secret);
    }
}
