namespace ShoppingConnectivity.Central.Agents;

/// <summary>Whether an offered key lets an agent enrol; which key it was; why not.</summary>
public sealed record EnrolmentKeyCheck(bool Accepted, string? KeyName, string? Reason);
