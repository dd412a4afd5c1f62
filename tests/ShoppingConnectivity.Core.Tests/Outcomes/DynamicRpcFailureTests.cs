using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Core.Tests.Outcomes;

public class DynamicRpcFailureTests
{
    [Theory]
    [InlineData(ProbeOutcome.TimedOut, "filtered")]
    [InlineData(ProbeOutcome.Refused, "refused")]
    [InlineData(ProbeOutcome.Unreachable, "unreachable")]
    public void Describe_ReadBack_GivesThePortTheRangeAndTheClass(ProbeOutcome outcome, string words)
    {
        var detail = DynamicRpcFailure.Describe("Port 135 of sms01.lab", 49667, outcome, "no answer within 3,000 ms", null);

        Assert.Equal($"Port 135 of sms01.lab answers, but the dynamic RPC port 49667 it named is {words} (no answer within 3,000 ms): " +
            "open the dynamic RPC range 49152-65535 (Windows Server 2008 and later) or the range set on this server.", detail);
        Assert.Equal(new DynamicRpcFailure(49667, "49152-65535", outcome), DynamicRpcFailure.TryParse(detail));
    }

    [Fact]
    public void Describe_EstateRange_NamesItAsTheEstates()
    {
        var detail = DynamicRpcFailure.Describe("Port 135 of sms01.lab", 5001, ProbeOutcome.TimedOut, "no answer within 3,000 ms", "5000-5100");

        Assert.EndsWith("open the dynamic RPC range 5000-5100 (the estate's range for this server).", detail);
        Assert.Equal("5000-5100", DynamicRpcFailure.TryParse(detail)!.Range);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("No answer from 10.0.0.5:135 within 3,000 ms.")]
    [InlineData("The endpoint mapper on 135 accepted the bind and named 3 TCP endpoints (ept_map: ports 49152 and 49154); dynamic RPC ports 49152 and 49154 reached.")]
    public void TryParse_AnyOtherDetail_IsNull(string? detail) => Assert.Null(DynamicRpcFailure.TryParse(detail));
}
