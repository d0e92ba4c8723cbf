using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Application.Connections.Common;

/// <summary>
/// Re-checks a stored connection on its platform and records the outcome on the aggregate (and saves it):
/// success reconnects and refreshes the catalog; a credential-class failure puts it in error; a transient failure
/// changes nothing. Shared by validate and channel refresh.
/// </summary>
public sealed class ConnectionChecker(IApplicationDbContext db, PlatformProber prober, CredentialsVault vault, TimeProvider clock)
{
    /// <returns>Success, or the <see cref="PlatformError"/> diagnosis.</returns>
    public async Task<Result> CheckAsync(Connection connection, CancellationToken cancellationToken)
    {
        var credentials = vault.Unprotect(connection.ProtectedCredentials);
        var probe = await prober.ProbeAsync(
            connection.Platform,
            credentials,
            previouslyValid: connection.LastValidatedAt is not null,
            cancellationToken);
        var now = clock.GetUtcNow();
        if (probe.IsSuccess)
        {
            connection.MarkValidated(PlatformProber.ToDiscovered(probe.Value), now);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }

        var error = (PlatformError)probe.Error;
        if (connection.MarkFailed(error.ErrorCode, error.Message, now))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return error;
    }
}
