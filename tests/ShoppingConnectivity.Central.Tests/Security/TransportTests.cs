using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>HTTPS from the Kestrel settings documented in appsettings.sample.json, HSTS, and the security headers.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Https_WithACertificateFromSettings_ServesTlsWithHstsAndSecurityHeaders()
    {
        var directory = Directory.CreateTempSubdirectory("sc-https-").FullName;
        try
        {
            const string pfxPassword = "pfx-password-for-the-test";
            using var certificate = SelfSigned("central.test");
            var pfx = Path.Combine(directory, "central.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, pfxPassword));
            var port = FreePort();
            // The same keys as the sample settings' Kestrel section.
            using var factory = new CentralFactory(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{port}",
                ["Kestrel:Endpoints:Https:Certificate:Path"] = pfx,
                ["Kestrel:Endpoints:Https:Certificate:Password"] = pfxPassword,
            });
            factory.UseKestrel();
            factory.StartServer();
            X509Certificate2? served = null;
            using var handler = new HttpClientHandler
            {
                // Trust exactly the certificate the test made, and remember what the server presented.
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    served = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.RawData);
                    return cert?.Thumbprint == certificate.Thumbprint;
                },
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };

            var health = await client.GetAsync("/healthz");
            var login = await client.GetAsync("/account/login");

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("CN=central.test", served?.Subject);
            Assert.StartsWith("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single());
            AssertSecurityHeaders(login);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/edges")).StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/edges")]
    [InlineData("/healthz")]
    [InlineData("/assets/app.css")]
    public async Task Headers_OnEveryAnswer_ForbidFramingSniffingAndForeignScripts(string path)
    {
        using var factory = new CentralFactory();

        var response = await factory.CreateClient().GetAsync(path);

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Hsts_InDevelopment_IsNotSent()
    {
        using var factory = new DevelopmentCentral();

        var response = await factory.CreateClient().GetAsync("https://localhost/account/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private static X509Certificate2 SelfSigned(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class DevelopmentCentral : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        private readonly CentralFactory _settings = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Development);
            builder.UseSetting("Central:DataDirectory", Path.Combine(_settings.Directory, "data"));
            builder.UseSetting("Central:EstatePath", "");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _settings.Dispose();
        }
    }
}
