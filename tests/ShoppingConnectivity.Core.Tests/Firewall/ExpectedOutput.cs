using System.Runtime.CompilerServices;

namespace ShoppingConnectivity.Core.Tests.Firewall;

/// <summary>
/// Exports compared with the reviewed output kept under Firewall/Expected: a faster generator must write the same
/// bytes. After an intended change of the output, run the tests once with SC_UPDATE_EXPECTED=1 (it rewrites the
/// files) and review the diff.
/// </summary>
internal static class ExpectedOutput
{
    public static void Equal(string fileName, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "Expected", fileName);
        if (Environment.GetEnvironmentVariable("SC_UPDATE_EXPECTED") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests with SC_UPDATE_EXPECTED=1 to write it, and review it.");
        // Compared whole, so a single changed character shows; line ends are part of the output (CRLF in the CSV).
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
