namespace ShoppingConnectivity.Core.Alerts;

/// <summary>A composed alert mail: plain text and HTML bodies of the same content.</summary>
public sealed record AlertMessage(IReadOnlyList<string> Recipients, string Subject, string Text, string Html, IReadOnlyList<AlertNotice> Notices);
