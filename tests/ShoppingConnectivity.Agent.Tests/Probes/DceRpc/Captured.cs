using System.Runtime.CompilerServices;

namespace ShoppingConnectivity.Agent.Tests.Probes.DceRpc;

/// <summary>
/// What Samba 4.17's samba-dcerpcd (Debian 12, endpoint mapper on 127.0.0.136:135, dynamic ports 49152-49160) sent,
/// as hex, whole PDUs. Recorded with a separate Python client; impacket's epm.hept_map on the same server named
/// samr on 49154 and winreg on 49153.
/// </summary>
internal static class Captured
{
    public static byte[] Bytes(string name) => Convert.FromHexString(File.ReadAllText(Path.Combine(Folder(), name + ".hex")).Trim());

    /// <summary>Beside this source file: the tests run from the source tree.</summary>
    private static string Folder([CallerFilePath] string self = "") => Path.Combine(Path.GetDirectoryName(self)!, "Captured");

    public static MemoryStream Stream(string name) => new(Bytes(name));
}
