namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>What an offered token proved: the token when it is active, else why not ("token expired" ...).</summary>
public sealed record ApiTokenCheck(ApiTokenRecord? Token, string? Failure)
{
    public static ApiTokenCheck Refused(string failure) => new(null, failure);
}
