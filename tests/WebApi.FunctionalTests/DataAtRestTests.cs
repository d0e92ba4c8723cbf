using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Connections.Infrastructure.Persistence;
using Connections.Infrastructure.Security;
using Connections.WebApi.Cli;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// Data at rest (ADR 0018): the data folder is the service user's alone, and everything in the database — a dump, a
/// copy, the key ring rows — decrypts nothing without the key file that lives outside it.
/// </summary>
public sealed class DataAtRestTests : FunctionalTest
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public async Task StoredToken_WhenEverythingInTheDatabaseButNotTheKeyFile_ShouldNotBeRecoverable()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Canary"));
        var id = await CreateAsync(MemberA, body);
        var (ring, stored) = await StealDatabaseAsync(id);

        var withoutKeyFile = () => Unprotect(ring, stored, certificate: null);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(App.Database.DataDirectory, KeyRingCertificate.FileName), password: null);
        var withKeyFile = Unprotect(ring, stored, certificate);

        Assert.Multiple(() =>
        {
            Assert.That(ring.Select(k => k.ToString()), Has.All.Contains("encryptedSecret"), "every key of the ring is wrapped by the certificate");
            Assert.That(withoutKeyFile, Throws.InstanceOf<CryptographicException>(), "the database alone decrypts nothing");
            Assert.That(withKeyFile, Does.Contain(token), "with the key file the same theft succeeds: the test can succeed");
        });
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task DataFolder_AfterARealStart_ShouldBeReadableOnlyByTheUser()
    {
        RequireSqliteOnUnix();
        await CreateAsync(MemberA, SlackBody(UniqueName("Modes")));
        var folder = App.Database.DataDirectory;

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(OwnerOnlyFiles.FolderMode), "data folder");
            foreach (var name in new[] { "connections.db", "connections.db-wal", "connections.db-shm", OwnerKeyBootstrap.FileName, KeyRingCertificate.FileName })
            {
                var path = Path.Combine(folder, name);
                Assert.That(File.Exists(path), Is.True, name);
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(OwnerReadWrite), name);
            }
        });
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task DataFolder_WhenAnOlderVersionLeftItOpen_ShouldBeTightenedAtStart()
    {
        RequireSqliteOnUnix();
        await using var database = await TestDatabase.CreateAsync();
        File.SetUnixFileMode(database.DataDirectory, OwnerOnlyFiles.FolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await File.WriteAllBytesAsync(database.SqliteFile, []);
        File.SetUnixFileMode(database.SqliteFile, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var app = new ConnectionsApp(database, Fake, Logs);
        _ = app.Server;

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(database.DataDirectory), Is.EqualTo(OwnerOnlyFiles.FolderMode));
            Assert.That(File.GetUnixFileMode(database.SqliteFile), Is.EqualTo(OwnerReadWrite));
            Assert.That(Logs.Lines.Any(l => l.Contains(database.DataDirectory, StringComparison.Ordinal) && l.Contains("Removed group and other permissions", StringComparison.Ordinal)), Is.True, "logged once");
        });
    }

    [Test]
    public async Task KeyRing_WhenTheKeyInUseWasStoredUnencryptedByAnOlderVersion_ShouldProtectNewSecretsWithAnEncryptedKey()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var older = new ConnectionsApp(database, Fake, Logs))
        {
            await using var scope = older.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
            db.DataProtectionKeys.Add(UnencryptedKey());
            await db.SaveChangesAsync();
        }

        await using var upgraded = new ConnectionsApp(database, Fake, Logs);
        using var member = upgraded.ClientWithKey(Secrets.Plant(await upgraded.CreateKeyAsync(MemberAEmail, Domain.Common.CallerRole.Member)), Audit);
        var id = await CreateAsync(member, SlackBody(UniqueName("After upgrade")));
        await using var scope2 = upgraded.Services.CreateAsyncScope();
        var db2 = scope2.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var ring = (await db2.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync()).Select(XElement.Parse).ToList();
        var stored = await db2.Connections.AsNoTracking().Where(c => c.Id == id).Select(c => c.ProtectedCredentials).SingleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(() => Unprotect(ring, stored, certificate: null), Throws.InstanceOf<CryptographicException>(), "a new secret is not under the unencrypted key");
            Assert.That(Logs.Lines.Any(l => l.Contains("stored unencrypted by an older version", StringComparison.Ordinal)), Is.True, "the log notes the older keys");
        });
    }

    /// <summary>A key as versions before ADR 0018 stored it: the master key in clear, active since yesterday.</summary>
    private static Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey UnencryptedKey()
    {
        var repository = new CopiedRing([]);
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("Connections").AddKeyManagementOptions(o => o.XmlRepository = repository);
        using var provider = services.BuildServiceProvider();
        var key = provider.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>()
            .CreateNewKey(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60));
        return new() { FriendlyName = $"key-{key.KeyId:D}", Xml = repository.GetAllElements().Single().ToString(SaveOptions.DisableFormatting) };
    }

    private static void RequireSqliteOnUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("File modes are Unix permissions: not checked on Windows.");
        }

        if (TestDatabase.ProviderUnderTest != "Sqlite")
        {
            Assert.Ignore("The database file modes are checked on the SQLite run.");
        }
    }

    /// <summary>What a thief with the database gets: every key ring row and the connection's stored credentials.</summary>
    private async Task<(IReadOnlyList<XElement> Ring, string Stored)> StealDatabaseAsync(string id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var ring = (await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync()).Select(XElement.Parse).ToList();
        var stored = await db.Connections.AsNoTracking().Where(c => c.Id == id).Select(c => c.ProtectedCredentials).SingleAsync();
        return (ring, stored);
    }

    /// <summary>A Data Protection provider of the service's application name over the copied key ring.</summary>
    private static string Unprotect(IReadOnlyList<XElement> ring, string stored, X509Certificate2? certificate)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddDataProtection().SetApplicationName("Connections").DisableAutomaticKeyGeneration()
            .AddKeyManagementOptions(o => o.XmlRepository = new CopiedRing(ring));
        if (certificate is not null)
        {
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Connections.Secrets.v1").Unprotect(stored);
    }

    private sealed class CopiedRing(IReadOnlyList<XElement> ring) : IXmlRepository
    {
        private readonly List<XElement> _elements = [.. ring];

        public IReadOnlyCollection<XElement> GetAllElements() => _elements.Select(e => new XElement(e)).ToList();

        public void StoreElement(XElement element, string friendlyName) => _elements.Add(new XElement(element));
    }
}
