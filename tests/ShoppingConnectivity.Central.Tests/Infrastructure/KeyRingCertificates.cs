using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>Self-signed certificates for the key ring, made by the test and written where central's settings point.</summary>
public static class KeyRingCertificates
{
    public const string Password = "pfx-password-0123";

    /// <summary>An RSA certificate with its key in a .pfx opened by <see cref="Password"/>; the file's path.</summary>
    public static string Pfx(string folder, string name = "key-ring")
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(name, rsa);
        return Write(folder, name + ".pfx", certificate.Export(X509ContentType.Pfx, Password));
    }

    /// <summary>The same as PEM files: the certificate's path and the (unencrypted) key's.</summary>
    public static (string Certificate, string Key) Pem(string folder, string name = "key-ring")
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(name, rsa);
        return (Write(folder, name + ".crt", certificate.ExportCertificatePem()), Write(folder, name + ".key", rsa.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>A .pfx holding the certificate only, not its key.</summary>
    public static string PfxWithoutKey(string folder)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned("no-key", rsa);
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        return Write(folder, "no-key.pfx", publicOnly.Export(X509ContentType.Pfx, Password));
    }

    /// <summary>A .pfx with an ECDSA key, which cannot encrypt the key ring.</summary>
    public static string EcdsaPfx(string folder)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ecdsa", ecdsa, HashAlgorithmName.SHA256);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return Write(folder, "ecdsa.pfx", certificate.Export(X509ContentType.Pfx, Password));
    }

    private static X509Certificate2 SelfSigned(string name, RSA rsa)
    {
        var request = new CertificateRequest($"CN=Shopping Connectivity key ring ({name})", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    private static string Write(string folder, string name, byte[] content)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string Write(string folder, string name, string content) => Write(folder, name, System.Text.Encoding.ASCII.GetBytes(content));
}
