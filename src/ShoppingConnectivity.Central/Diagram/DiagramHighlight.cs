using System.Text;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// The diagram's hover and focus rules, drawn from its roles: an edge hovered or focused thickens, its label gets a
/// bold frame, and the two boxes it joins a bold blue outline. Pure CSS, so highlighting costs no server round trip.
/// </summary>
public static class DiagramHighlight
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DiagramLayout, string> Cache = [];

    public static string RulesFor(DiagramLayout layout) => Cache.GetValue(layout, Build);

    private static string Build(DiagramLayout layout)
    {
        const string active = ":is(:hover, :focus-visible)";
        var css = new StringBuilder();
        css.Append($".connections-diagram .edge{active} .edge-label rect {{ stroke-width: 3; }}\n");
        foreach (var node in layout.Nodes)
        {
            // Role ids are catalogue identifiers (validated letters and digits), safe inside a quoted attribute selector.
            css.Append($".connections-diagram:has(.edge[data-from=\"{node.RoleId}\"]{active}, .edge[data-to=\"{node.RoleId}\"]{active}) ");
            css.Append($".node[data-role=\"{node.RoleId}\"] > rect {{ stroke: #1565c0; stroke-width: 4; }}\n");
        }

        return css.ToString();
    }
}
