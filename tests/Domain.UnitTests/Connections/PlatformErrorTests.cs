using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Domain.UnitTests.Connections;

[TestFixture]
public class PlatformErrorTests
{
    [TestCase(ConnectionErrorCode.InvalidCredentials, "INVALID_CREDENTIALS", ErrorType.Unprocessable)]
    [TestCase(ConnectionErrorCode.AuthExpired, "AUTH_EXPIRED", ErrorType.Unprocessable)]
    [TestCase(ConnectionErrorCode.InsufficientPermissions, "INSUFFICIENT_PERMISSIONS", ErrorType.Unprocessable)]
    [TestCase(ConnectionErrorCode.RateLimited, "RATE_LIMITED", ErrorType.Unavailable)]
    [TestCase(ConnectionErrorCode.NetworkError, "NETWORK_ERROR", ErrorType.Upstream)]
    [TestCase(ConnectionErrorCode.PlatformError, "PLATFORM_ERROR", ErrorType.Upstream)]
    public void Constructor_WhenGivenCode_ShouldSetWireCodeAndErrorType(ConnectionErrorCode code, string wireCode, ErrorType type)
    {
        var error = new PlatformError(code, "Something went wrong.");

        Assert.That(error.ErrorCode, Is.EqualTo(code));
        Assert.That(error.Code, Is.EqualTo(wireCode));
        Assert.That(error.Type, Is.EqualTo(type));
        Assert.That(error.Message, Is.EqualTo("Something went wrong."));
    }

    [Test]
    public void Constructor_WhenOptionalDetailsOmitted_ShouldLeaveThemNull()
    {
        var error = new PlatformError(ConnectionErrorCode.NetworkError, "timeout");

        error.RequiredScopes.ShouldBeNull();
        error.MissingScopes.ShouldBeNull();
        error.RetryAfter.ShouldBeNull();
    }

    [Test]
    public void Constructor_WhenPermissionDetailsGiven_ShouldCarryScopes()
    {
        var error = new PlatformError(
            ConnectionErrorCode.InsufficientPermissions,
            "Missing scopes.",
            requiredScopes: ["channels:read", "channels:history"],
            missingScopes: ["channels:history"]);

        error.RequiredScopes.ShouldBe(["channels:read", "channels:history"]);
        error.MissingScopes.ShouldBe(["channels:history"]);
    }

    [Test]
    public void Constructor_WhenRateLimitedWithRetryAfter_ShouldCarryIt()
    {
        var error = new PlatformError(ConnectionErrorCode.RateLimited, "Slow down.", retryAfter: TimeSpan.FromSeconds(30));

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Test]
    public void Constructor_WhenUsedAsResult_ShouldProduceFailureWithThePlatformError()
    {
        Result<int> result = new PlatformError(ConnectionErrorCode.AuthExpired, "expired");

        result.Error.ShouldBeOfType<PlatformError>().ErrorCode.ShouldBe(ConnectionErrorCode.AuthExpired);
    }

    [Test]
    public void Constructor_WhenCodeUndefined_ShouldThrowArgumentOutOfRange()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PlatformError((ConnectionErrorCode)99, "?"));
    }
}
