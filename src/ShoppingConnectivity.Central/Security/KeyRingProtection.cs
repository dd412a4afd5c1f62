using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// How new keys of the ring are encrypted at rest: with the certificate of Central:DataProtection:Certificate; without
/// one, with DPAPI on Windows when the keys are in the data folder (DPAPI binds them to this machine's account, so not
/// for a ring other nodes share in PostgreSQL); otherwise not at all. Holds the certificates for the node's life.
/// Made at registration: Data Protection takes its certificates as objects there.
/// </summary>
public sealed class KeyRingProtection : IDisposable
{
    private readonly bool _shared;

    /// <param name="settings">Validated settings (every certificate opens).</param>
    /// <param name="shared">Whether the ring is in PostgreSQL, shared by every node.</param>
    public KeyRingProtection(KeyRingOptions settings, bool shared)
    {
        Certificate = settings.Certificate.IsSet ? settings.Certificate.Load() : null;
        PreviousCertificates = settings.PreviousCertificates.Select(c => c.Load()).ToList();
        _shared = shared;
    }

    /// <summary>Encrypts new keys; null: none.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Certificates keys made before may be encrypted with.</summary>
    public IReadOnlyList<X509Certificate2> PreviousCertificates { get; }

    public bool UsesDpapi => Certificate is null && !_shared && OperatingSystem.IsWindows();

    public bool Encrypts => Certificate is not null || UsesDpapi;

    /// <summary>What encrypts new keys, for the log.</summary>
    public string Describe() => Certificate is not null ? $"with the certificate {Certificate.Subject} ({Certificate.Thumbprint})" : UsesDpapi ? "with DPAPI" : "not at all";

    /// <summary>Whether a key of the ring (its &lt;key&gt; element) is encrypted the way new keys are now.</summary>
    public bool IsEncryptedAsNow(XElement key)
    {
        // In the Data Protection namespace, as the encryptor writes it.
        var secret = key.Descendants().FirstOrDefault(e => e.Name.LocalName == "encryptedSecret");
        if (secret is null) return false;
        if (Certificate is null) return ((string?)secret.Attribute("decryptorType"))?.Contains("DpapiXmlDecryptor", StringComparison.Ordinal) == true;
        var raw = Convert.ToBase64String(Certificate.RawData);
        return secret.Descendants().Any(e => e.Name.LocalName == "X509Certificate" && e.Value.Trim() == raw);
    }

    public void Dispose()
    {
        Certificate?.Dispose();
        foreach (var certificate in PreviousCertificates) certificate.Dispose();
    }
}
