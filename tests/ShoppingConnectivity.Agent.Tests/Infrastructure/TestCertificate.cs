using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>A self-signed certificate made by the test, valid for the window it is given.</summary>
public sealed class TestCertificate(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
{
    public string Subject { get; } = subject;
    public static TestCertificate ValidFor(string host, TimeSpan left) =>
        new($"CN={host}", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.Add(left));

    public static TestCertificate ExpiredSince(string host, TimeSpan ago) =>
        new($"CN={host}", DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.Subtract(ago));

    public void WritePem(string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(Subject["CN=".Length..]);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
