using Microsoft.Extensions.Configuration;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class RecipientRowTests
{
    [Fact]
    public void From_NoDefaultList_SaysTheOtherFlowsMailReachesNobody()
    {
        var recipients = new RecipientOptions { Flows = { ["website-shoppingdb-sql"] = ["dba@contoso.example"] } };

        var rows = RecipientRow.From(recipients, new ConfigurationBuilder().Build());

        Assert.Equal(2, rows.Count);
        Assert.StartsWith("nobody", rows[0].Addresses, StringComparison.Ordinal);
        Assert.Equal("Central:Alerts:Recipients:Default: not set", rows[0].Source);
        Assert.Equal(("Flow website-shoppingdb-sql", "dba@contoso.example"), (rows[1].Scope, rows[1].Addresses));
    }
}
