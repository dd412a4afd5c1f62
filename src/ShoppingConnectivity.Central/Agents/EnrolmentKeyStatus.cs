namespace ShoppingConnectivity.Central.Agents;

public enum EnrolmentKeyStatus
{
    Active,
    Expired,
    Revoked,
}
