using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Application.Common.Interfaces;

/// <summary>
/// Checks credentials against one platform and discovers its channels. Failures are <see cref="PlatformError"/>s
/// carrying one of the six diagnoses; implementations never throw for platform or network failures
/// (only for cancellation by the caller).
/// </summary>
public interface IPlatformConnector
{
    Platform Platform { get; }

    /// <summary>Validates the credentials and lists the channels the bot can read.</summary>
    /// <param name="credentials">The credentials to check.</param>
    /// <param name="previouslyValid">True when these credentials validated before: a rejection then means AUTH_EXPIRED.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    Task<Result<PlatformProbe>> ProbeAsync(PlatformCredentials credentials, bool previouslyValid, CancellationToken cancellationToken);
}
