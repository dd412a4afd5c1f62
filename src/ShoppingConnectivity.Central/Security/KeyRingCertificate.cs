using System.Security.Cryptography.X509Certificates;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// A certificate with its private key, as Kestrel takes one: a PKCS#12 file (.pfx) with its Password, or PEM files
/// (Path and KeyPath; Password when the key is encrypted). Relative paths are under the content root.
/// </summary>
public sealed class KeyRingCertificate
{
    public string? Path { get; set; }

    public string? KeyPath { get; set; }

    public string? Password { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(Path);

    public bool IsPem => !string.IsNullOrWhiteSpace(KeyPath);

    /// <exception cref="System.Security.Cryptography.CryptographicException">Not a certificate, a wrong password, no key.</exception>
    public X509Certificate2 Load() =>
        !IsPem ? X509CertificateLoader.LoadPkcs12FromFile(Path!, Password)
        : string.IsNullOrEmpty(Password) ? X509Certificate2.CreateFromPemFile(Path!, KeyPath)
        : X509Certificate2.CreateFromEncryptedPemFile(Path!, Password, KeyPath);
}
