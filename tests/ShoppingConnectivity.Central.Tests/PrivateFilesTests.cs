using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Files;

namespace ShoppingConnectivity.Central.Tests;

/// <summary>
/// The attack: another local user copies central's SQLite database and its key ring (which decrypts the stored SMTP
/// password) out of the data folder. Under umask 022 the folder would be 0755 and the files 0644 unless central asks
/// for 0700 and 0600.
/// </summary>
public sealed class PrivateFilesTests
{
    private static readonly Dictionary<string, string?> Sqlite = new() { ["Central:Database:Provider"] = "Sqlite", ["ConnectionStrings:Central"] = "" };

    [Fact]
    public async Task Start_UnderUmask022_DataFolderDatabaseAndKeyRingAreCentralsOnly()
    {
        using var umask = Umask.Common();
        using var node = new CentralFactory(Sqlite);

        // A write and a protected value: the WAL files and the first key exist.
        await SaveSmtpPasswordAsync(node);

        var data = Path.Combine(node.Directory, "data");
        var database = Path.Combine(data, DataExtensions.DatabaseFileName);
        var key = Assert.Single(Directory.GetFiles(Path.Combine(data, "keys")));
        Assert.Equal(
            [("data", "0700"), ("database", "0600"), ("wal", "0600"), ("shm", "0600"), ("keys", "0700"), ("key", "0600")],
            [
                ("data", FileModes.Of(data)), ("database", FileModes.Of(database)), ("wal", FileModes.Of(database + "-wal")),
                ("shm", FileModes.Of(database + "-shm")), ("keys", FileModes.Of(Path.Combine(data, "keys"))), ("key", FileModes.Of(key)),
            ]);
    }

    [Fact]
    public async Task Start_OnFilesAnEarlierVersionLeftOpen_MakesThemPrivateAndWarnsOfTheFolder()
    {
        string directory;
        using (var earlier = new CentralFactory(Sqlite))
        {
            earlier.KeepDirectory = true;
            directory = earlier.Directory;
            await SaveSmtpPasswordAsync(earlier);
        }

        // As a version that left modes to the umask (022) made them.
        var data = Path.Combine(directory, "data");
        var database = Path.Combine(data, DataExtensions.DatabaseFileName);
        var keys = Path.Combine(data, "keys");
        var key = Assert.Single(Directory.GetFiles(keys));
        foreach (var folder in new[] { data, keys }) FileModes.Set(folder, "0755");
        foreach (var file in new[] { database, key }) FileModes.Set(file, "0644");

        using var node = new CentralFactory(Sqlite, directory: directory);
        node.KeepDirectory = false;
        _ = node.Services;

        Assert.Equal(
            [("data", "0755"), ("database", "0600"), ("keys", "0700"), ("key", "0600")],
            [("data", FileModes.Of(data)), ("database", FileModes.Of(database)), ("keys", FileModes.Of(keys)), ("key", FileModes.Of(key))]);
        var warnings = node.Logs.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Contains($"The data folder {data} is open to other local users (mode 0755); the files central keeps in it are private, but make the folder private too: chmod 700 {data}", warnings);
        Assert.Contains($"{database} was open to other local users (mode 0644); made it 0600.", warnings);
        Assert.Contains($"{keys} was open to other local users (mode 0755); made it 0700.", warnings);
        Assert.Contains($"{key} was open to other local users (mode 0644); made it 0600.", warnings);
    }

    private static async Task SaveSmtpPasswordAsync(CentralFactory node) =>
        Assert.Empty(await node.Services.GetRequiredService<SmtpSettingsStore>()
            .SaveAsync(new SmtpSettingsInput("smtp.contoso.example", 25, SmtpSecurity.None, "alerts", "smtp-password", false, "central@contoso.example")));
}
