namespace ShoppingConnectivity.Core.Estates;

/// <summary>
/// One problem of an estate document, structured so a form can put it beside the field it is about.
/// <see cref="Text"/> is the full message as files and logs show it ("hosts[3] (sql01).roles[0]: unknown role 'SqlServer'").
/// </summary>
/// <param name="HostIndex">The host the problem is about (index in the document's hosts), or null for the estate itself.</param>
/// <param name="Field">The field inside the host or estate: name, address, roles[0], ports.websiteHttp, switches.rbac, hosts; empty when the text as a whole is unreadable.</param>
/// <param name="Message">What is wrong, without the field prefix.</param>
public sealed record EstateProblem(int? HostIndex, string Field, string Message, string Text)
{
    /// <summary>The field a form shows it on: indices dropped (roles[2] -> roles), port and switch keys kept (ports.smtp).</summary>
    public string FormField => Field.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? Field[..bracket] : Field;

    /// <summary>A problem of the file as a whole (syntax, empty file): no field to point at.</summary>
    public static EstateProblem General(string text) => new(null, "", text, text);
}
