using Microsoft.Extensions.Logging.Abstractions;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Outbox;

/// <summary>The outbox's file format and file calls, on a real folder of its own per test.</summary>
public sealed class SegmentFilesTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sc-segment-tests", Guid.NewGuid().ToString("N"));
    private readonly SegmentFiles _files;

    public SegmentFilesTests() => _files = new SegmentFiles(_directory, NullLogger.Instance);

    [Fact]
    public void Create_NewSegment_NamedBySequenceAndIdThatParseBack()
    {
        var id = Guid.NewGuid();

        var (path, stream) = _files.Create(42, id);
        stream.Dispose();

        Assert.Equal($"000000000042-{id:N}.jsonl", Path.GetFileName(path));
        Assert.True(SegmentFiles.TryParseName(Path.GetFileName(path), out var sequence, out var parsed));
        Assert.Equal((42, id), (sequence, parsed));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("000000000001-0123.jsonl")]
    [InlineData("-0123456789abcdef0123456789abcdef.jsonl")]
    [InlineData("first-0123456789abcdef0123456789abcdef.jsonl")]
    [InlineData("000000000001-0123456789abcdef0123456789abcdef.jsonl.tmp")]
    public void TryParseName_NotASegmentName_False(string name) => Assert.False(SegmentFiles.TryParseName(name, out _, out _));

    [Fact]
    public void AppendThenRead_Results_SameResultsAsJsonLines()
    {
        var (path, stream) = _files.Create(1, Guid.NewGuid());
        using (stream)
        {
            long length = 0;
            foreach (var line in new[] { Result(0), Result(1, "refused") }.Select(SegmentFiles.Line))
            {
                SegmentFiles.Append(stream, line, length);
                length += line.Length;
            }
        }

        Assert.Equal([Result(0), Result(1, "refused")], _files.Read(path, 2));
        Assert.All(File.ReadAllLines(path), l => Assert.StartsWith("{\"probeId\":", l, StringComparison.Ordinal));
    }

    [Fact]
    public void List_TornLastLineAndOtherFiles_WholeLinesOfSegmentFilesOnly()
    {
        var id = Guid.NewGuid();
        var path = Path.Combine(_directory, $"000000000007-{id:N}.jsonl");
        var whole = SegmentFiles.Line(Result(0)).Concat(SegmentFiles.Line(Result(1))).ToArray();
        File.WriteAllBytes(path, [.. whole, .. "{\"probeId\":\"web"u8]);
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "not a segment\n");

        var listed = Assert.Single(_files.List());

        Assert.Equal((path, 7L, id, 2, new FileInfo(path).Length), listed);
    }

    [Fact]
    public void Read_LineOfValidJsonWithoutItsFields_Skipped()
    {
        var path = Path.Combine(_directory, $"000000000001-{Guid.NewGuid():N}.jsonl");
        File.WriteAllBytes(path, [.. SegmentFiles.Line(Result(0)), .. "{\"probeId\":\"website-shoppingdb-sql/sql01/1433\"}\n"u8]);

        Assert.Equal([Result(0)], _files.Read(path, 2));
    }

    [Fact]
    public void Read_FileGone_Empty() => Assert.Empty(_files.Read(Path.Combine(_directory, "gone.jsonl"), 3)!);

    [Fact]
    public void TimesOf_Segment_FirstAndLastProbeTimes()
    {
        var path = Path.Combine(_directory, $"000000000001-{Guid.NewGuid():N}.jsonl");
        File.WriteAllBytes(path, [.. SegmentFiles.Line(Result(0)), .. SegmentFiles.Line(Result(1)), .. SegmentFiles.Line(Result(5))]);

        var (first, last) = SegmentFiles.TimesOf(path);

        Assert.Equal(Start, first);
        Assert.Equal(Start.AddSeconds(5), last);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ProbeResultDto Result(int number, string? detail = null) =>
        new("website-shoppingdb-sql/sql01/1433", "website-shoppingdb-sql", ProbeOutcome.Reachable, number, detail, Start.AddSeconds(number));
}
