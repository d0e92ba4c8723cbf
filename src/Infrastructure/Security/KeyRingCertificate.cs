using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Connections.Infrastructure.Security;

/// <summary>
/// The certificate that encrypts the Data Protection key ring stored in the database (ADR 0018). In order:
/// <c>DataProtection:CertificateBase64</c> (a PFX as base64, e.g. from an environment secret),
/// <c>DataProtection:CertificatePath</c> (a PFX file), otherwise <see cref="FileName"/> in the data folder, generated
/// on first start (RSA 3072, self-signed, mode 0600). It never lives in the database, so a copy of the database alone
/// decrypts nothing.
/// </summary>
public static class KeyRingCertificate
{
    public const string FileName = "keyring-protection.pfx";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(100 * 365);

    public static X509Certificate2 Load(IConfiguration configuration, string contentRoot, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var password = configuration["DataProtection:CertificatePassword"];
        if (configuration["DataProtection:CertificateBase64"] is { Length: > 0 } base64)
        {
            return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password);
        }

        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(path, contentRoot), password);
        }

        return LoadOrCreate(Path.Combine(Path.GetFullPath(dataDirectory, contentRoot), FileName));
    }

    /// <summary>
    /// Loads the generated certificate, creating it first when absent. The file is written under a temporary name and
    /// moved into place without overwriting, so two instances starting at once never read a half-written file: the
    /// loser of the race discards its own and reads the winner's.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                using (var file = new FileStream(temporary, OwnerOnlyFiles.NewFile()))
                {
                    file.Write(Create());
                }

                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it first: use that one.
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }

    private static byte[] Create()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Connections key ring protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.Add(Validity));
        return certificate.Export(X509ContentType.Pfx);
    }
}
