namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// How the Data Protection key ring is encrypted at rest ("Central:DataProtection"). Without a certificate it is
/// encrypted with DPAPI on Windows when the keys are in the data folder, and not at all otherwise (a warning at start).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Central:DataProtection";

    /// <summary>The setting a start-up warning names when the key ring is stored unencrypted.</summary>
    public const string CertificatePathKey = Section + ":Certificate:Path";

    /// <summary>Encrypts every new key (and decrypts them). Empty Path: none.</summary>
    public KeyRingCertificate Certificate { get; set; } = new();

    /// <summary>Certificates used before <see cref="Certificate"/>: keys they encrypted still decrypt with them.</summary>
    public List<KeyRingCertificate> PreviousCertificates { get; set; } = [];

    /// <summary>Relative paths follow the content root, as Central:DataDirectory's do.</summary>
    public void ResolvePaths(IHostEnvironment environment)
    {
        foreach (var certificate in PreviousCertificates.Prepend(Certificate))
        {
            if (certificate.IsSet) certificate.Path = CentralOptions.ResolvePath(certificate.Path!, environment);
            if (certificate.IsPem) certificate.KeyPath = CentralOptions.ResolvePath(certificate.KeyPath!, environment);
        }
    }
}
