using MailKit.Net.Smtp;
using MailKit.Security;
using ShoppingConnectivity.Central.Alerts;

namespace ShoppingConnectivity.Central.Tests.Alerts;

public sealed class SmtpMailerTests
{
    public static TheoryData<Exception, bool> Errors() => new()
    {
        { new AuthenticationException("535: 5.7.8 Authentication credentials invalid"), true },
        { new NotSupportedException("The SMTP server does not support authentication."), true },
        { new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.AuthenticationRequired, "5.7.0 Authentication required"), true },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "5.1.1 no such user"), false },
        { new System.Net.Sockets.SocketException(111), false },
        { new TimeoutException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void NeedsPerson_LoginProblemsOnly_OthersAreRetried(Exception error, bool expected) => Assert.Equal(expected, SmtpMailer.NeedsPerson(error));

    [Fact]
    public void Describe_LoginNotOffered_SaysSo() =>
        Assert.Equal("login impossible: The SMTP server does not support authentication.", SmtpMailer.Describe(new NotSupportedException("The SMTP server does not support authentication.")));
}
