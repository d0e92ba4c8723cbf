using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>With DataProtection:CertificatePath the key ring in the database is itself encrypted.</summary>
public sealed class KeyRingEncryptionTests : FunctionalTest
{
    private static readonly string CertificatePath = CreateCertificate();

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["DataProtection:CertificatePath"] = CertificatePath,
        ["DataProtection:CertificatePassword"] = "test-only",
    };

    [Test]
    public async Task KeyRing_WhenCertificateConfigured_ShouldBeStoredEncrypted()
    {
        await CreateAsync(MemberA, SlackBody(UniqueName("Encrypted ring")));

        var dump = await App.Database.DumpAsync();

        Assert.That(dump, Does.Contain("encryptedSecret"), "the key's secret is wrapped by the certificate");
        Assert.That(dump, Does.Not.Contain("<masterKey"), "no key material in clear");
        Assert.That(Secrets.FindIn([dump], "database"), Is.Empty);
    }

    private static string CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=connections-test-keyring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"connections-keyring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "test-only"));
        return path;
    }
}
