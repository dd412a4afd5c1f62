using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Agents.Pages;

namespace ShoppingConnectivity.Central.Tests.Agents.Pages;

public sealed class EnrolmentKeysPageModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly EnrolmentKeysPageModel _page = new();

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void StartCreate_DaysOutOfRange_ErrorOnTheDaysField(int days)
    {
        _page.Days = days;

        Assert.False(_page.StartCreate());
        Assert.Equal("Between 1 and 3650 days, or empty for never.", _page.DaysError);
    }

    [Fact]
    public void StartCreate_NoDays_NeverExpires()
    {
        Assert.True(_page.StartCreate());
        Assert.Null(_page.ExpiresAt(Now));
    }

    [Fact]
    public void ExpiresAt_Days_ThatManyDaysFromNow()
    {
        _page.Days = 30;

        Assert.Equal(Now.AddDays(30), _page.ExpiresAt(Now));
    }

    [Fact]
    public void Created_Errors_EachOnItsField()
    {
        _page.Created(null, null, ["name: give the key a name (who or what it is for).", "expiresAt: 2026-11-19 12:00 UTC is not in the future."]);

        Assert.Equal("give the key a name (who or what it is for).", _page.NameError);
        Assert.Equal("2026-11-19 12:00 UTC is not in the future.", _page.DaysError);
        Assert.Null(_page.Secret);
    }

    [Fact]
    public void Created_Key_SecretShownAndFormEmptied()
    {
        _page.Name = "site A";
        _page.Days = 7;

        _page.Created(Key(EnrolmentKeyStatus.Active, null), "sck_secret", []);

        Assert.Equal(("sck_secret", "site A"), (_page.Secret, _page.SecretName));
        Assert.Null(_page.Name);
        Assert.Null(_page.Days);
        Assert.True(_page.StartCreate());
        Assert.Null(_page.Secret);
    }

    [Theory]
    [InlineData(EnrolmentKeyStatus.Active, "Active")]
    [InlineData(EnrolmentKeyStatus.Expired, "Expired")]
    [InlineData(EnrolmentKeyStatus.Revoked, "Revoked 2026-11-20 12:00 UTC")]
    public void StatusText_Status_WordAndWhenRevoked(EnrolmentKeyStatus status, string expected) =>
        Assert.Equal(expected, EnrolmentKeysPageModel.StatusText(Key(status, status == EnrolmentKeyStatus.Revoked ? Now : null), DisplayZone.UtcZone));

    private static EnrolmentKeyView Key(EnrolmentKeyStatus status, DateTimeOffset? revokedAt) =>
        new(Guid.NewGuid(), "site A", Now, null, revokedAt, null, 0, status);
}
