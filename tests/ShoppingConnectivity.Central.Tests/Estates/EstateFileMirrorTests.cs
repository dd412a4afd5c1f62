using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Estates;

public sealed class EstateFileMirrorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sc-mirror-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public EstateFileMirrorTests() => Directory.CreateDirectory(_directory);

    private EstateFileMirror Mirror(string fileName, bool writeBack = true)
    {
        var path = Path.Combine(_directory, fileName);
        File.WriteAllText(path, CentralFactory.EstateJson);
        return new EstateFileMirror(Options.Create(new CentralOptions { EstatePath = path, WriteEstateFile = writeBack }), _clock);
    }

    [Fact]
    public void Touched_EditsInQuickSuccession_ReadOnceTheyHaveSettled()
    {
        using var mirror = Mirror("estate.json");
        var reads = 0;
        mirror.Watch(() =>
        {
            reads++;
            return Task.CompletedTask;
        });

        mirror.Touched(); // truncate
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        mirror.Touched(); // write
        _clock.Advance(EstateFileMirror.Settle - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, reads);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, reads);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, reads);
    }

    [Fact]
    public void Write_Render_ReplacesTheFileInItsFormatAndKnowsItsHash()
    {
        using var mirror = Mirror("estate.yaml");
        var bytes = mirror.Render(TestEstates.Sample)!;
        mirror.Write(bytes);

        var (text, hash) = mirror.Read();
        Assert.Equal(Encoding.UTF8.GetString(bytes), text);
        Assert.Equal(hash, mirror.KnownHash);
        Assert.StartsWith("name: ", text, StringComparison.Ordinal); // YAML, as the file's name says
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void Render_WriteBackOff_Nothing()
    {
        using var mirror = Mirror("estate.json", writeBack: false);

        Assert.False(mirror.WritesFile);
        Assert.Null(mirror.Render(TestEstates.Sample));
    }

    [Fact]
    public void Path_NoEstateFile_NullAndNothingWritten()
    {
        using var mirror = new EstateFileMirror(Options.Create(new CentralOptions()), _clock);

        Assert.Null(mirror.Path);
        Assert.False(mirror.WritesFile);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
