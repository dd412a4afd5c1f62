using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class SmtpSettingsPageModelTests
{
    private static readonly SmtpSettings Stored = new("smtp.contoso.example", 587, SmtpSecurity.StartTls, "alerts", true, "sc@contoso.example");

    private readonly SmtpSettingsPageModel _page = new();

    [Fact]
    public void Load_Stored_IntoTheFormWithoutThePassword()
    {
        _page.Load(Stored, ["ops@contoso.example", "b@contoso.example"]);

        Assert.Equal(new SmtpSettingsInput("smtp.contoso.example", 587, SmtpSecurity.StartTls, "alerts", null, false, "sc@contoso.example"), _page.Input());
        Assert.Equal("ops@contoso.example", _page.TestTo);
        Assert.Equal("A password is stored. Leave empty to keep it.", _page.PasswordHelp);
        Assert.True(_page.Loaded);
    }

    [Fact]
    public void Load_NothingStored_DefaultsAndNoRecipient()
    {
        _page.Load(null, []);

        Assert.Equal(25, _page.Port);
        Assert.Equal("", _page.TestTo);
        Assert.Equal("No password stored.", _page.PasswordHelp);
        Assert.False(_page.HasPassword);
    }

    [Fact]
    public void StartSave_TypedPassword_InTheInputOutOfTheForm()
    {
        _page.Load(Stored, []);
        _page.Password = "s3cret";

        var input = _page.StartSave();

        Assert.Equal("s3cret", input.Password);
        Assert.Equal("", _page.Password);
        Assert.False(_page.Saved);
    }

    [Fact]
    public void SavedAs_Stored_SavedAndClearPasswordUnticked()
    {
        _page.Load(Stored, []);
        _page.ClearPassword = true;

        _page.SavedAs(Stored with { HasPassword = false });

        Assert.True(_page.Saved);
        Assert.False(_page.ClearPassword);
        Assert.False(_page.HasPassword);
    }

    [Theory]
    [InlineData("s3cret", false, "password changed")]
    [InlineData("", false, "password unchanged")]
    [InlineData("s3cret", true, "password removed")]
    public void AuditDetail_Password_WhatChangedNeverTheValue(string password, bool clear, string expected)
    {
        var detail = SmtpSettingsPageModel.AuditDetail(new SmtpSettingsInput("smtp", 25, SmtpSecurity.None, " ", password, clear, "a@b.example"));

        Assert.Equal($"security None, user none, from a@b.example, {expected}", detail);
        Assert.DoesNotContain("s3cret", detail, StringComparison.Ordinal);
    }
}
