using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

/// <summary>Opens every certificate of the settings, so a missing file, a wrong password or a missing key stops the start naming its key.</summary>
public sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        var errors = new List<string>();
        Check(options.Certificate, $"{KeyRingOptions.Section}:Certificate", errors);
        for (var i = 0; i < options.PreviousCertificates.Count; i++)
        {
            var key = $"{KeyRingOptions.Section}:PreviousCertificates:{i}";
            if (!options.PreviousCertificates[i].IsSet) errors.Add($"{key}:Path is required.");
            else Check(options.PreviousCertificates[i], key, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(KeyRingCertificate certificate, string key, List<string> errors)
    {
        if (!certificate.IsSet)
        {
            if (certificate.IsPem || !string.IsNullOrEmpty(certificate.Password))
                errors.Add($"{key}:Path is required when {key}:KeyPath or {key}:Password is set.");
            return;
        }

        if (!File.Exists(certificate.Path))
        {
            errors.Add($"{key}:Path: file '{certificate.Path}' does not exist.");
            return;
        }

        if (certificate.IsPem && !File.Exists(certificate.KeyPath))
        {
            errors.Add($"{key}:KeyPath: file '{certificate.KeyPath}' does not exist.");
            return;
        }

        try
        {
            using var loaded = certificate.Load();
            // The key ring is encrypted the way EncryptedXml does it: an RSA key wraps each key's secret.
            using var rsa = loaded.HasPrivateKey ? loaded.GetRSAPrivateKey() : null;
            if (!loaded.HasPrivateKey)
                errors.Add($"{key}: the certificate in '{certificate.Path}' has no private key (a .pfx holding it, or {key}:KeyPath for PEM files).");
            else if (rsa is null)
                errors.Add($"{key}: the certificate in '{certificate.Path}' has no RSA key ({loaded.PublicKey.Oid.FriendlyName}); the key ring is encrypted with RSA.");
        }
        catch (CryptographicException ex)
        {
            errors.Add(certificate.IsPem
                ? $"{key}: '{certificate.Path}' and {key}:KeyPath '{certificate.KeyPath}' are not a PEM certificate and its key (or {key}:Password does not open the key): {ex.Message}"
                : $"{key}: '{certificate.Path}' cannot be opened as a .pfx: wrong {key}:Password, or not PKCS#12 (PEM files need {key}:KeyPath): {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{key}: '{certificate.Path}' cannot be read: {ex.Message}");
        }
    }
}
