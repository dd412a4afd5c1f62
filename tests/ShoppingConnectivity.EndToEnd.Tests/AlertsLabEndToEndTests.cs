using Microsoft.Data.Sqlite;
using MimeKit;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Lab;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// The end-to-end case, with every part real: central and aiosmtpd inside the lab's target namespace, the agent
/// inside its agent namespace, an HTTP server as the ActiveEfficiency host; nftables in the target namespace drops the
/// probed port, then lets it through again. Exactly one "broken" mail and one "recovered" mail must arrive.
/// </summary>
public sealed class AlertsLabEndToEndTests : IDisposable
{
    private const string Flow = "central-activeefficiency-http";
    private const int CentralPort = 5080;
    private const int ServicePort = 8088;
    private const int SmtpPort = 2525;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly NetworkLab _lab = new(["ae01.lab"]);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sc-e2e-alerts", Guid.NewGuid().ToString("N"));
    private TestProcess? _central;
    private TestProcess? _agent;

    private string Maildir => Path.Combine(_directory, "maildir");

    private string Database => Path.Combine(_directory, "data", "shopping-connectivity.db");

    [Fact]
    public async Task PortDroppedByFirewallThenOpened_ExactlyOneBrokenAndOneRecoveredMail()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "www"));
        File.WriteAllText(Path.Combine(_directory, "www", "index.html"), "<html>ActiveEfficiency</html>");
        var estate = Path.Combine(_directory, "estate.json");
        File.WriteAllText(estate, $$"""
            {
              "name": "Alert lab",
              "hosts": [
                { "name": "cs01", "roles": ["CentralService"] },
                { "name": "ae01.lab", "address": "{{NetworkLab.TargetAddress}}", "roles": ["ActiveEfficiency"], "ports": { "activeEfficiencyHttp": {{ServicePort}} } }
              ]
            }
            """);

        var target = _lab.Target;
        _lab.Run(ServiceProcess.Start("http.server", target,
            target.Command("/usr/bin/python3", "-m", "http.server", ServicePort.ToString(), "--bind", NetworkLab.TargetAddress, "--directory", Path.Combine(_directory, "www")),
            [ServicePort]));
        _lab.Run(ServiceProcess.Start("aiosmtpd", target,
            target.Command("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{SmtpPort}", "-c", "aiosmtpd.handlers.Mailbox", Maildir),
            [SmtpPort]));

        _central = ProgramProcess.Start("ShoppingConnectivity.Central", ["--urls", $"http://{NetworkLab.TargetAddress}:{CentralPort}"], new Dictionary<string, string>
        {
            ["Central__DataDirectory"] = Path.Combine(_directory, "data"),
            ["Central__EstatePath"] = estate,
            ["Central__EnrolmentKey"] = Central.EnrolmentKey,
            ["Central__PublicUrl"] = "https://central.lab/",
            ["Central__ProbeIntervalSeconds"] = "1",
            ["Central__ProbeTimeoutMs"] = "500",
            ["Central__StaleAfterIntervals"] = "10",
            ["Central__Alerts__GroupingSeconds"] = "0",
            ["Central__Alerts__EvaluateSeconds"] = "1",
            ["Central__Alerts__DeliverySeconds"] = "1",
            ["Central__Alerts__RetryFirstSeconds"] = "1",
            ["Central__Alerts__RetryMaxSeconds"] = "2",
            ["Central__Alerts__Recipients__Default__0"] = "ops@lab.example",
        }, target.Prefix);
        await WaitAsync("central listening", () => Task.FromResult(ServiceProcess.IsListening(target, CentralPort)));
        // The SMTP server as the settings page would save it (no login, so no password to protect).
        await ExecuteAsync($"INSERT INTO SmtpSettings (Id, Host, Port, Security, FromAddress, UpdatedAt) VALUES (1, '127.0.0.1', {SmtpPort}, 'None', 'alerts@lab.example', 0)");

        _agent = ProgramProcess.Start("ShoppingConnectivity.Agent", [], new Dictionary<string, string>
        {
            ["Agent__CentralUrl"] = $"http://{NetworkLab.TargetAddress}:{CentralPort}",
            ["Agent__HostName"] = "cs01",
            ["Agent__EnrolmentKey"] = Central.EnrolmentKey,
            ["Agent__DataDirectory"] = Path.Combine(_directory, "agent"),
            ["Agent__PushIntervalSeconds"] = "1",
            ["Agent__PlanRefreshSeconds"] = "5",
        }, _lab.Agent.Prefix);

        await WaitAsync("the link reachable", async () => await OutcomeAsync() == "Reachable");

        _lab.Firewall($"tcp dport {ServicePort} drop");
        var broken = Assert.Single(await MailsAsync(1));
        Assert.Equal("[Shopping Connectivity] BROKEN: Central Service \u2192 ActiveEfficiency TCP 8088", broken.Subject);
        Assert.Equal("ops@lab.example", Assert.Single(broken.To.Mailboxes).Address);
        Assert.Contains($"cs01 \u2192 ae01.lab:{ServicePort} TimedOut since", broken.TextBody);
        Assert.Contains($"Hint: A firewall between cs01 and ae01.lab drops TCP {ServicePort}", broken.TextBody);
        Assert.Contains($"Drill-down: https://central.lab/?edge={Flow}", broken.TextBody);

        _lab.Firewall();
        var mails = await MailsAsync(2);
        Assert.StartsWith("[Shopping Connectivity] RECOVERED: Central Service \u2192 ActiveEfficiency TCP 8088 after ", mails[1].Subject);
        Assert.Contains("after an outage of", mails[1].TextBody);

        // A few more probe, evaluation and delivery rounds: nothing more may come.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(2, Mails().Count);
    }

    private async Task<string?> OutcomeAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Outcome FROM Links WHERE FlowId = '{Flow}'";
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private List<MimeMessage> Mails()
    {
        var folder = Path.Combine(Maildir, "new");
        return !Directory.Exists(folder) ? []
            : new DirectoryInfo(folder).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => MimeMessage.Load(f.FullName)).ToList();
    }

    private async Task<List<MimeMessage>> MailsAsync(int count)
    {
        List<MimeMessage> mails = [];
        await WaitAsync($"{count} mail(s)", () =>
        {
            mails = Mails();
            return Task.FromResult(mails.Count >= count);
        });
        return mails;
    }

    private async Task WaitAsync(string what, Func<Task<bool>> done) =>
        await Eventually.AssertAsync(async () =>
        {
            if (_central?.HasExited == true) throw new InvalidOperationException($"Central exited while waiting for {what}:\n{_central.Output}");
            try
            {
                return await done();
            }
            catch (SqliteException)
            {
                return false; // the database is being created or migrated
            }
        }, Patience, () => $"no {what}.\nCentral:\n{_central?.Output}\nAgent:\n{_agent?.Output}\nMails: {Mails().Count}");

    public void Dispose()
    {
        _agent?.Dispose();
        _central?.Dispose();
        _lab.Dispose();
        SqliteConnection.ClearAllPools();
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
