using System.Text;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// The diagram's hover and focus rules, drawn from its roles and lines: a line or one of its chips hovered or focused
/// thickens the line, frames its chips boldly and outlines the two boxes it joins in bold blue. Pure CSS, so highlighting costs no server round trip.
/// </summary>
public static class DiagramHighlight
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DiagramLayout, string> Cache = [];

    public static string RulesFor(DiagramLayout layout) => Cache.GetValue(layout, Build);

    private static string Build(DiagramLayout layout)
    {
        const string active = ":is(:hover, :focus-visible)";
        var css = new StringBuilder();
        // Role ids are catalogue identifiers (validated letters and digits), safe inside quoted attribute selectors;
        // a line's id joins two of them with a hyphen.
        foreach (var line in layout.Lines)
        {
            var hovered = $".connections-diagram:has(:is(.edge, .line)[data-line=\"{line.Id}\"]{active})";
            css.Append($"{hovered} .line[data-line=\"{line.Id}\"] .edge-line {{ stroke-width: 6; }}\n");
            css.Append($"{hovered} .edge[data-line=\"{line.Id}\"] .edge-label rect {{ stroke-width: 3; }}\n");
        }

        foreach (var node in layout.Nodes)
        {
            css.Append($".connections-diagram:has(:is(.edge, .line)[data-from=\"{node.RoleId}\"]{active}, :is(.edge, .line)[data-to=\"{node.RoleId}\"]{active}) ");
            css.Append($".node[data-role=\"{node.RoleId}\"] > rect {{ stroke: #1565c0; stroke-width: 4; }}\n");
        }

        return css.ToString();
    }
}
