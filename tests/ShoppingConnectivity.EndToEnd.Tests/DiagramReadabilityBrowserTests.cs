using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Measures the drawn diagram as a person reads it, with the full catalogue (every switch on, a host for every role):
/// overlaps, the room between labels, lines through boxes they do not belong to, crossings and the smallest text, in
/// screen pixels. Prints the figures (docs/benchmarks.md records them) and holds the ones reached.
/// </summary>
public sealed class DiagramReadabilityBrowserTests(DiagramLab lab, ITestOutputHelper output) : IClassFixture<DiagramLab>
{
    /// <summary>What the page draws, measured in the browser: boxes on screen, lines sampled along their paths.</summary>
    private const string Measure = """
        () => {
          const svg = document.querySelector('svg.connections-diagram');
          const scale = svg.getScreenCTM().a;
          const screen = r => { const b = r.getBoundingClientRect(); return { x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height }; };
          const chips = [...svg.querySelectorAll('g.edge')].map(g => ({ id: g.dataset.flow, line: g.dataset.line, box: screen(g.querySelector('.edge-label rect')) }));
          const nodes = [...svg.querySelectorAll('g.node')].map(g => ({ id: g.dataset.role, box: screen(g.querySelector(':scope > rect')) }));
          const lines = [...svg.querySelectorAll('g.line')].map(g => {
            const path = g.querySelector('path.edge-line'), m = path.getScreenCTM(), length = path.getTotalLength(), points = [];
            for (let s = 0; s <= length; s += 2) { const p = path.getPointAtLength(s); points.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f }); }
            return { id: g.dataset.line, from: g.dataset.from, to: g.dataset.to, points };
          });
          const inside = (p, b, pad) => p.x > b.x - pad && p.x < b.r + pad && p.y > b.y - pad && p.y < b.b + pad;
          const gap = (a, b) => Math.max(a.x - b.r, b.x - a.r, a.y - b.b, b.y - a.b);
          const labels = chips.map(c => ({ name: c.id, box: c.box }));
          const boxes = labels.concat(nodes.map(n => ({ name: n.id, box: n.box })));
          let overlaps = [], minGap = Infinity, closest = '';
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const g = gap(boxes[i].box, boxes[j].box);
            if (g < 0) overlaps.push(boxes[i].name + ' / ' + boxes[j].name);
            if (i < labels.length && g < minGap) { minGap = g; closest = boxes[i].name + ' / ' + boxes[j].name; }
          }
          const through = [];
          for (const l of lines) {
            const foreign = chips.filter(c => c.line !== l.id).map(c => ({ name: c.id, box: c.box }))
              .concat(nodes.filter(n => n.id !== l.from && n.id !== l.to).map(n => ({ name: n.id, box: n.box })));
            for (const f of foreign) if (l.points.some(p => inside(p, f.box, -1))) through.push(l.id + ' through ' + f.name);
          }
          const cross = (p1, p2, p3, p4) => {
            const d = (p2.x - p1.x) * (p4.y - p3.y) - (p2.y - p1.y) * (p4.x - p3.x);
            if (Math.abs(d) < 1e-9) return null;
            const t = ((p3.x - p1.x) * (p4.y - p3.y) - (p3.y - p1.y) * (p4.x - p3.x)) / d, u = ((p3.x - p1.x) * (p2.y - p1.y) - (p3.y - p1.y) * (p2.x - p1.x)) / d;
            return t >= 0 && t < 1 && u >= 0 && u < 1 ? { x: p1.x + t * (p2.x - p1.x), y: p1.y + t * (p2.y - p1.y) } : null;
          };
          let crossings = 0;
          for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) {
            const shared = nodes.filter(n => [lines[i].from, lines[i].to].includes(n.id) && [lines[j].from, lines[j].to].includes(n.id));
            for (let a = 1; a < lines[i].points.length; a++) for (let b = 1; b < lines[j].points.length; b++) {
              const p = cross(lines[i].points[a - 1], lines[i].points[a], lines[j].points[b - 1], lines[j].points[b]);
              if (p && !shared.some(n => inside(p, n.box, 8))) crossings++;
            }
          }
          const texts = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
          return { lines: lines.length, chips: chips.length, overlaps, minGap, closest, through, crossings, minText: Math.min(...texts) };
        }
        """;

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Dashboard_FullCatalogue_NoOverlapsAndTheMeasuredFigures(int width, int height)
    {
        var page = await lab.OpenAsync("/", width, height);
        await Assertions.Expect(page.Locator("g.edge")).ToHaveCountAsync(30);
        // Below a full HD window the page switches to the small diagram once the browser has said its size.
        await Assertions.Expect(page.Locator($".diagram-screen[data-geometry='{(width >= 1900 ? "full" : "small")}']")).ToHaveCountAsync(1);

        var figures = await page.EvaluateAsync<Figures>(Measure);

        output.WriteLine($"{width}x{height}: {figures.Lines} lines, {figures.Chips} chips; {figures.Overlaps.Length} overlaps; "
            + $"closest labels {figures.MinGap:0.0} px apart ({figures.Closest}); {figures.Through.Length} lines through a box not theirs; "
            + $"{figures.Crossings} crossings; smallest text {figures.MinText:0.0} px");
        foreach (var hit in figures.Through) output.WriteLine($"  {hit}");
        await DashboardBrowserTests.SaveScreenshotAsync(page, $"diagram-measured-{width}x{height}.png");
        Assert.Equal(23, figures.Lines);
        Assert.Empty(figures.Overlaps);
        // Issue 17's goals: labels 4 px apart, fewer than 10 crossings, no line through a box not its own, 12 px text at
        // 1280x720; docs/benchmarks.md has the figures.
        Assert.True(figures.MinGap >= 4, $"labels {figures.MinGap:0.0} px apart: {figures.Closest}");
        Assert.True(figures.Crossings <= MaxCrossings, $"{figures.Crossings} crossings");
        Assert.True(figures.Through.Length <= MaxThrough, $"{figures.Through.Length} lines through boxes not theirs");
        // 12 px on a laptop (the small diagram); the full one on a full HD screen draws 11 px, more than before.
        Assert.True(figures.MinText >= (width >= 1920 ? 11 : 12), $"text drawn at {figures.MinText:0.0} px");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_WindowResized_DrawsTheDiagramForTheNewSize()
    {
        var page = await lab.OpenAsync("/", 1920, 1080);
        var screen = page.Locator(".diagram-screen");
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-geometry", "full");
        await Assertions.Expect(page.Locator("svg.connections-diagram")).ToHaveAttributeAsync("viewBox", "0 0 1500 750");
        await Assertions.Expect(page.Locator("g.edge[data-flow='client-dc-ldap'] .edge-state")).ToHaveCountAsync(1);

        // A laptop's window: the small diagram across the width, its chips one line, the problem list below it.
        await page.SetViewportSizeAsync(1280, 720);
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-geometry", "small");
        await Assertions.Expect(page.Locator("svg.connections-diagram")).ToHaveAttributeAsync("viewBox", "0 0 1220 530");
        await Assertions.Expect(page.Locator("g.edge[data-flow='client-dc-ldap'] .edge-state")).ToHaveCountAsync(0);
        var svg = (await page.Locator("svg.connections-diagram").BoundingBoxAsync())!;
        var list = (await page.Locator(".diagram-screen .problem-list").BoundingBoxAsync())!;
        Assert.True(list.Y >= svg.Y + svg.Height, $"the problem list (top {list.Y}) is not below the diagram (bottom {svg.Y + svg.Height})");
        Assert.True(svg.Width >= 1220, $"the small diagram is drawn {svg.Width:0} px wide, under its 1,220 units");
        // Its lines follow: no line keeps the full diagram's path (the measure finds none through a box not its own).
        var figures = await page.EvaluateAsync<Figures>(Measure);
        Assert.Empty(figures.Through);

        await page.SetViewportSizeAsync(1920, 1080);
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-geometry", "full");
        await Assertions.Expect(page.Locator("g.edge[data-flow='client-dc-ldap'] .edge-state")).ToHaveCountAsync(1);
        await page.CloseAsync();
    }

    /// <summary>Reached (the goal is under 10): held so that it only gets better.</summary>
    private const int MaxCrossings = 9;
    private const int MaxThrough = 0;

    private sealed class Figures
    {
        public int Lines { get; set; }

        public int Chips { get; set; }

        public string[] Overlaps { get; set; } = [];

        public double MinGap { get; set; }

        public string Closest { get; set; } = "";

        public string[] Through { get; set; } = [];

        public int Crossings { get; set; }

        public double MinText { get; set; }
    }
}
