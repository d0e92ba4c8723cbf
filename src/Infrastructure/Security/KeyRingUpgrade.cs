using Connections.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connections.Infrastructure.Security;

/// <summary>
/// Versions before ADR 0018 stored the key ring unencrypted. Those keys keep decrypting what they protected; but when
/// the key in use is one of them, a new (encrypted) key is created at start-up so new secrets never use it again.
/// Logs how many unencrypted keys remain (never their content).
/// </summary>
internal sealed partial class KeyRingUpgrade(IServiceScopeFactory scopes, IKeyManager keys, TimeProvider clock, ILogger<KeyRingUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var clear = await db.DataProtectionKeys.AsNoTracking()
            .Where(k => k.Xml != null && !k.Xml.Contains("encryptedSecret"))
            .Select(k => k.FriendlyName)
            .ToListAsync(cancellationToken);
        if (clear.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var current = keys.GetAllKeys()
            .Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now)
            .OrderByDescending(k => k.ActivationDate)
            .FirstOrDefault();
        var replaced = current is not null && clear.Contains($"key-{current.KeyId:D}");
        if (replaced)
        {
            keys.CreateNewKey(now, now.AddDays(90));
        }

        LogUnencryptedKeys(clear.Count, replaced);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key ring holds {Count} Data Protection key(s) stored unencrypted by an older version; they still decrypt the credentials they protected (rotate those credentials, then the keys expire unused). A new encrypted key replaced the one in use: {Replaced}")]
    private partial void LogUnencryptedKeys(int count, bool replaced);
}
