using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Central.Tests.Estates;

/// <summary>The database holds the estate; the estate file is imported when it changes and mirrors the UI's saves.</summary>
public sealed class EstateStoreOfRecordTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Start_EmptyDatabase_ImportsTheFileAsVersionOne()
    {
        using var factory = Start(CentralFactory.EstateJson);

        var record = Assert.Single(await RecordsAsync(factory));

        Assert.Equal((1L, EstateSource.File), (record.Version, record.Source));
        Assert.Equal(Sha256(factory.EstatePath), record.FileHash);
        Assert.Contains("web01", record.Document, StringComparison.Ordinal);
        using var estate = JsonDocument.Parse(await (await factory.SignInAsync()).GetStringAsync("/api/v1/estate"));
        Assert.Equal(1, estate.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("File", estate.RootElement.GetProperty("source").GetString());
        Assert.Equal(3, estate.RootElement.GetProperty("hosts").GetArrayLength());
    }

    [Fact]
    public async Task Restart_FileUnchanged_KeepsTheStoredEstate_FileEditedWhileDown_ImportsIt()
    {
        using (var first = Start(CentralFactory.EstateJson))
        {
            var saved = await Store(first).SaveAsync(WithHost(Store(first).Current, "rcv01", "Receiver"), "test", 1);
            Assert.Equal(EstateSaveStatus.Saved, saved.Status);
        }

        using (var second = Start(estateJson: null))
        {
            Assert.Equal((2L, EstateSource.Ui), (Store(second).State.Version, Store(second).State.Source));
            Assert.NotNull(Store(second).Current.FindHost("rcv01"));
            Assert.Equal(2, (await RecordsAsync(second)).Count);
        }

        await File.WriteAllTextAsync(Path.Combine(_directory, "estate.json"), CentralFactory.EstateJson.Replace("ae01", "ae02", StringComparison.Ordinal));
        using var third = Start(estateJson: null);

        Assert.Equal((3L, EstateSource.File), (Store(third).State.Version, Store(third).State.Source));
        Assert.NotNull(Store(third).Current.FindHost("ae02"));
        Assert.Null(Store(third).Current.FindHost("rcv01")); // the file wins: it was edited after the last save
    }

    [Fact]
    public async Task Start_WithoutEstateFile_LoadsTheStoredEstate()
    {
        using (Start(CentralFactory.EstateJson))
        {
        }

        using var again = Start(estateJson: null, new Dictionary<string, string?> { ["Central:EstatePath"] = "" });

        Assert.Null(Store(again).Path);
        Assert.Equal(["web01", "db01", "ae01"], Store(again).Current.Hosts.Select(h => h.Name));
        Assert.Equal(1, Store(again).State.Version);
    }

    [Fact]
    public async Task Save_FromUi_WritesDatabaseAndFile_AndTheWatcherDoesNotImportItAgain()
    {
        using var factory = Start(CentralFactory.EstateJson);
        var store = Store(factory);
        var changes = 0;
        store.Changed += _ => Interlocked.Increment(ref changes);

        var result = await store.SaveAsync(WithHost(store.Current, "rcv01", "Receiver"), "test", store.State.Version);

        Assert.Equal((EstateSaveStatus.Saved, 2L), (result.Status, result.Version));
        var onDisk = EstateFile.Load(factory.EstatePath, FlowCatalogue.Default);
        Assert.True(onDisk.Succeeded);
        Assert.Equal(EstateFile.ToJson(store.Current), EstateFile.ToJson(onDisk.Estate!));
        var records = await RecordsAsync(factory);
        Assert.Equal([1L, 2L], records.Select(r => r.Version));
        Assert.Equal((EstateSource.Ui, Sha256(factory.EstatePath)), (records[1].Source, records[1].FileHash));
        Assert.Equal(EstateFile.ToJson(store.Current), records[1].Document);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));

        // What the watcher does when it sees the write: central knows its own file and imports nothing.
        Assert.Empty(await store.ImportFileAsync());
        Assert.Equal(2, (await RecordsAsync(factory)).Count);
        Assert.Equal((2L, EstateSource.Ui), (store.State.Version, store.State.Source));
        Assert.Empty(store.State.LastReloadErrors);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task Save_WithWriteBackOff_StoresButLeavesTheFileAsItWas()
    {
        using var factory = Start(CentralFactory.EstateJson, new Dictionary<string, string?> { ["Central:WriteEstateFile"] = "false" });
        var store = Store(factory);

        var result = await store.SaveAsync(WithHost(store.Current, "rcv01", "Receiver"), "test", 1);

        Assert.Equal((EstateSaveStatus.Saved, 2L), (result.Status, result.Version));
        Assert.Equal(CentralFactory.EstateJson, await File.ReadAllTextAsync(factory.EstatePath));
        Assert.Null((await RecordsAsync(factory))[1].FileHash);
        Assert.False(store.WritesFile);
    }

    [Fact]
    public async Task Save_FromOlderVersion_IsRefusedAndChangesNothing()
    {
        using var factory = Start(CentralFactory.EstateJson);
        var store = Store(factory);
        Assert.True((await store.SaveAsync(WithHost(store.Current, "rcv01", "Receiver"), "first", 1)).Succeeded);
        var file = await File.ReadAllTextAsync(factory.EstatePath);

        var late = await store.SaveAsync(WithHost(store.Current, "rcv02", "Receiver"), "second", 1);

        Assert.Equal(EstateSaveStatus.Conflict, late.Status);
        Assert.Contains("changed meanwhile (now version 2", late.Message, StringComparison.Ordinal);
        Assert.Null(store.Current.FindHost("rcv02"));
        Assert.Equal(file, await File.ReadAllTextAsync(factory.EstatePath));
        Assert.Equal(2, (await RecordsAsync(factory)).Count);
    }

    [Fact]
    public async Task Save_Invalid_ChangesNothingAndNamesEachField()
    {
        using var factory = Start(CentralFactory.EstateJson);
        var store = Store(factory);
        var document = WithHost(store.Current, "bad name", "SqlServer");
        document.Ports = new Dictionary<string, int> { ["smtp"] = 0 };
        var file = await File.ReadAllBytesAsync(factory.EstatePath);

        var result = await store.SaveAsync(document, "test", 1);

        Assert.Equal(EstateSaveStatus.Invalid, result.Status);
        Assert.Equal(["hosts[3] (bad name).name", "hosts[3] (bad name).roles[0]", "ports.smtp"],
            result.Errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        Assert.Equal(1, store.State.Version);
        Assert.Equal(file, await File.ReadAllBytesAsync(factory.EstatePath));
        Assert.Single(await RecordsAsync(factory));
    }

    [Fact]
    public async Task Import_InvalidUpload_ChangesNothingAndListsEveryError()
    {
        using var factory = Start(CentralFactory.EstateJson);
        var store = Store(factory);
        var file = await File.ReadAllBytesAsync(factory.EstatePath);

        var result = await store.ImportAsync("""
            name: Broken
            hosts:
              - name: sql01
                roles: [SqlServer]
              - name: web01
                roles: []
                ports: { websiteHttp: 99999 }
            """, "broken.yaml", "test");

        Assert.Equal(EstateSaveStatus.Invalid, result.Status);
        Assert.Equal(3, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("hosts[0] (sql01).roles[0]: unknown role 'SqlServer'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("hosts[1] (web01).roles: a host needs at least one role", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("hosts[1] (web01).ports.websiteHttp: port 99999", StringComparison.Ordinal));
        Assert.Equal("Test estate", store.Current.Name);
        Assert.Equal(file, await File.ReadAllBytesAsync(factory.EstatePath));
        Assert.Single(await RecordsAsync(factory));
    }

    [Fact]
    public async Task Import_ValidYaml_IsStoredAndWrittenToTheFileInItsFormat()
    {
        using var factory = Start(CentralFactory.EstateJson);
        var store = Store(factory);

        var result = await store.ImportAsync("""
            name: Imported
            switches: { appClarity: true }
            hosts:
              - name: app01
                roles: [CentralService]
              - name: appc01
                roles: [AppClarity]
            """, "new.yaml", "test");

        Assert.Equal((EstateSaveStatus.Saved, 2L), (result.Status, result.Version));
        Assert.Equal(("Imported", EstateSource.Import), (store.Current.Name, store.State.Source));
        Assert.Contains("new.yaml", store.State.UpdatedBy, StringComparison.Ordinal);
        var onDisk = EstateFile.Load(factory.EstatePath, FlowCatalogue.Default); // estate.json: written as JSON
        Assert.Equal(["app01", "appc01"], onDisk.Estate!.Hosts.Select(h => h.Name));
        Assert.True(onDisk.Estate.Switches["appClarity"]);
    }

    [Fact]
    public async Task FileEdit_WhileRunning_IsStoredAsANewVersionFromTheFile()
    {
        using var factory = Start(CentralFactory.EstateJson);
        var store = Store(factory);

        await File.WriteAllTextAsync(factory.EstatePath, CentralFactory.EstateJson.Replace("ae01", "ae09", StringComparison.Ordinal));

        await EventuallyAsync(() => store.State.Version == 2);
        Assert.Equal(EstateSource.File, store.State.Source);
        var records = await RecordsAsync(factory);
        Assert.Equal(Sha256(factory.EstatePath), records[^1].FileHash);
        Assert.NotNull(store.Current.FindHost("ae09"));
    }

    [Fact]
    public async Task Save_FileCannotBeWritten_NothingIsStored()
    {
        var conf = Path.Combine(_directory, "conf");
        Directory.CreateDirectory(conf);
        var path = Path.Combine(conf, "estate.json");
        await File.WriteAllTextAsync(path, CentralFactory.EstateJson);
        using var factory = Start(estateJson: null, new Dictionary<string, string?> { ["Central:EstatePath"] = path });
        var store = Store(factory);
        Directory.Delete(conf, recursive: true);

        var result = await store.SaveAsync(WithHost(store.Current, "rcv01", "Receiver"), "test", 1);

        Assert.Equal(EstateSaveStatus.Failed, result.Status);
        Assert.Contains("could not be written", result.Message, StringComparison.Ordinal);
        Assert.Single(await RecordsAsync(factory));
        Assert.Null(store.Current.FindHost("rcv01"));
    }

    [Fact]
    public async Task Refresh_VersionStoredByAnotherNode_IsTakenOverAndAnnounced()
    {
        using var factory = Start(CentralFactory.EstateJson);
        var store = Store(factory);
        Estate? announced = null;
        store.Changed += e => announced = e;
        var other = EstateFile.Parse(CentralFactory.EstateJson.Replace("ae01", "ae77", StringComparison.Ordinal), "x.json", FlowCatalogue.Default).Estate!;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
        {
            db.Estates.Add(new EstateRecord { Version = 2, Document = EstateFile.ToJson(other), UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "UI on node-b", Source = EstateSource.Ui });
            await db.SaveChangesAsync();
        }

        Assert.True(await store.RefreshFromDatabaseAsync());

        Assert.Equal((2L, "UI on node-b"), (store.State.Version, store.State.UpdatedBy));
        Assert.NotNull(announced?.FindHost("ae77"));
        Assert.False(await store.RefreshFromDatabaseAsync());
        // This node's next save builds on the version it took over.
        Assert.Equal(3, (await store.SaveAsync(WithHost(store.Current, "rcv01", "Receiver"), "test", 2)).Version);
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

    /// <summary>Central on this test's folder; estateJson null keeps the estate file that is there.</summary>
    private CentralFactory Start(string? estateJson, Dictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(_directory);
        if (estateJson is not null) File.WriteAllText(Path.Combine(_directory, "estate.json"), estateJson);
        var all = new Dictionary<string, string?> { ["Central:EstatePath"] = Path.Combine(_directory, "estate.json") };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var factory = new CentralFactory(all, estateJson: null, directory: _directory);
        using var _ = factory.CreateClient(); // starts central: migrations, estate
        return factory;
    }

    private static EstateStore Store(CentralFactory factory) => factory.Services.GetRequiredService<EstateStore>();

    private static async Task<List<EstateRecord>> RecordsAsync(CentralFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await db.Estates.AsNoTracking().OrderBy(r => r.Version).ToListAsync();
    }

    private static EstateDocument WithHost(Estate estate, string name, string role)
    {
        var document = EstateDocument.From(estate);
        document.Hosts!.Add(new EstateHostDocument { Name = name, Roles = [role] });
        return document;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static Task EventuallyAsync(Func<bool> done) => Eventually.AssertAsync(done, TimeSpan.FromSeconds(10), () => "not reached.");
}
