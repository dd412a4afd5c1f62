namespace ShoppingConnectivity.Central.Api;

/// <summary>The areas the OpenAPI document groups its operations by.</summary>
public static class ApiTags
{
    public const string Read = "Read";
    public const string History = "History";
    public const string Estate = "Estate";
    public const string Agent = "Agent";
    public const string TestNow = "Test now";
    public const string Alerts = "Alerts";
    public const string Health = "Health";
}
