namespace ShoppingConnectivity.Central.ApiTokens;

public enum ApiTokenStatus
{
    Active,
    Expired,
    Revoked,
}
