using Connections.Application.Common.Behaviors;
using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Commands.CreateConnection;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.Extensions.Logging;
using Moq;

namespace Connections.Application.UnitTests.Common;

[TestFixture]
public class LoggingBehaviorTests
{
    private const string CanaryToken = "xoxb-CANARY-7f3a9c-do-not-log";
    private const string CanarySecret = "CANARYsigningSecret0123456789";
    private const string CanaryName = "CANARY connection name";

    private static readonly CreateConnectionCommand Command = new(
        "slack",
        CanaryName,
        new CredentialsInput(CanaryToken, CanarySecret, null),
        new SettingsInput(60, null, null));

    private CapturingLogger<LoggingBehavior<CreateConnectionCommand, Result<ConnectionCreatedDto>>> _logger = null!;
    private Mock<ICurrentUser> _currentUser = null!;

    [SetUp]
    public void SetUp()
    {
        _logger = new CapturingLogger<LoggingBehavior<CreateConnectionCommand, Result<ConnectionCreatedDto>>>();
        _currentUser = new Mock<ICurrentUser>();
        _currentUser.SetupGet(u => u.Email).Returns("alice@example.com");
    }

    private LoggingBehavior<CreateConnectionCommand, Result<ConnectionCreatedDto>> Behavior() => new(_logger, _currentUser.Object);

    private static ConnectionCreatedDto Created() =>
        new("conn_01ARYZ6S41TSV4RRFFQ69G5FAV", CanaryName, Platform.Slack, ConnectionStatus.Connected, DateTimeOffset.UnixEpoch, 3);

    [Test]
    public async Task Handle_WhenHandlerSucceeds_ShouldLogRequestTypeAndCallerAtInformation()
    {
        var response = await Behavior().Handle(Command, CancellationToken.None, () => Task.FromResult<Result<ConnectionCreatedDto>>(Created()));

        response.IsSuccess.ShouldBeTrue();
        var entry = _logger.Entries.ShouldHaveSingleItem();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Message, Does.StartWith("CreateConnectionCommand by alice@example.com succeeded in "));
        Assert.That(entry.State["Request"], Is.EqualTo("CreateConnectionCommand"));
        Assert.That(entry.State["Caller"], Is.EqualTo("alice@example.com"));
        _currentUser.VerifyGet(u => u.Email, Times.AtLeastOnce());
    }

    [Test]
    public async Task Handle_WhenHandlerReturnsFailure_ShouldLogTheErrorCodeButNotItsMessage()
    {
        var failure = Error.Conflict("CONNECTION_NAME_TAKEN", $"You already have a slack connection named '{CanaryName}'.");

        await Behavior().Handle(Command, CancellationToken.None, () => Task.FromResult<Result<ConnectionCreatedDto>>(failure));

        var entry = _logger.Entries.ShouldHaveSingleItem();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.Message, Does.StartWith("CreateConnectionCommand by alice@example.com failed with CONNECTION_NAME_TAKEN in "));
        Assert.That(entry.State["ErrorCode"], Is.EqualTo("CONNECTION_NAME_TAKEN"));
        AssertNoCanary(entry);
    }

    [Test]
    public async Task Handle_WhenValidationFails_ShouldLogValidationFailedCode()
    {
        Result<ConnectionCreatedDto> failure = ValidationError.For("credentials.bot_token", "Must be a Slack bot token (starts with 'xoxb-').");

        await Behavior().Handle(Command, CancellationToken.None, () => Task.FromResult(failure));

        _logger.Entries.ShouldHaveSingleItem().State["ErrorCode"].ShouldBe("VALIDATION_FAILED");
    }

    [Test]
    public void Handle_WhenHandlerThrows_ShouldLogExceptionTypeOnlyAndRethrow()
    {
        var thrown = new InvalidOperationException($"Slack said no to {CanaryToken}");

        var exception = Should.Throw<InvalidOperationException>(() =>
            Behavior().Handle(Command, CancellationToken.None, () => throw thrown));

        exception.ShouldBeSameAs(thrown);
        var entry = _logger.Entries.ShouldHaveSingleItem();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(entry.Message, Does.StartWith("CreateConnectionCommand by alice@example.com threw InvalidOperationException after "));
        // The exception message may carry a token, so the exception itself is not handed to the logger.
        Assert.That(entry.Exception, Is.Null);
        AssertNoCanary(entry);
    }

    [Test]
    public void Handle_WhenCancelled_ShouldRethrowWithoutLoggingACrash()
    {
        Should.Throw<OperationCanceledException>(() =>
            Behavior().Handle(Command, CancellationToken.None, () => throw new OperationCanceledException()));

        _logger.Entries.ShouldBeEmpty();
    }

    [Test]
    public async Task Handle_WhenNobodyAuthenticated_ShouldLogSystemAsCaller()
    {
        _currentUser.SetupGet(u => u.Email).Returns((string?)null);

        await Behavior().Handle(Command, CancellationToken.None, () => Task.FromResult<Result<ConnectionCreatedDto>>(Created()));

        var entry = _logger.Entries.ShouldHaveSingleItem();
        entry.State["Caller"].ShouldBe("(system)");
        entry.Message.ShouldStartWith("CreateConnectionCommand by (system) succeeded");
    }

    [Test]
    public async Task Handle_WhenRequestCarriesSecrets_ShouldNeverLogAnyPropertyValueOfTheRequest()
    {
        await Behavior().Handle(Command, CancellationToken.None, () => Task.FromResult<Result<ConnectionCreatedDto>>(Created()));
        await Behavior().Handle(Command, CancellationToken.None, () => Task.FromResult<Result<ConnectionCreatedDto>>(Error.Validation("X", "y")));

        _logger.Entries.Count.ShouldBe(2);
        foreach (var entry in _logger.Entries)
        {
            AssertNoCanary(entry);
            entry.Message.ShouldNotContain("slack");
            entry.Message.ShouldNotContain("60");
            entry.State.Keys.ShouldBe(
                entry.State.ContainsKey("ErrorCode")
                    ? ["Request", "Caller", "ErrorCode", "ElapsedMs", "{OriginalFormat}"]
                    : ["Request", "Caller", "ElapsedMs", "{OriginalFormat}"],
                ignoreOrder: true);
        }
    }

    [Test]
    public async Task Handle_WhenHandlerSucceeds_ShouldLogNonNegativeElapsedMilliseconds()
    {
        await Behavior().Handle(Command, CancellationToken.None, async () =>
        {
            await Task.Delay(20);
            return Result.Success(Created());
        });

        var elapsed = _logger.Entries.ShouldHaveSingleItem().State["ElapsedMs"].ShouldBeOfType<double>();
        elapsed.ShouldBeGreaterThanOrEqualTo(15);
    }

    private static void AssertNoCanary(LogEntry entry)
    {
        entry.Message.ShouldNotContain("CANARY");
        foreach (var (key, value) in entry.State)
        {
            (value?.ToString() ?? string.Empty).ShouldNotContain("CANARY", customMessage: $"state '{key}' leaked a request value");
        }

        (entry.Exception?.ToString() ?? string.Empty).ShouldNotContain("CANARY");
    }

    internal sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State, Exception? Exception);

    /// <summary>An <see cref="ILogger{T}"/> that keeps every entry: the rendered message and the structured state.</summary>
    internal sealed class CapturingLogger<T> : ILogger<T>
    {
        public List<LogEntry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            Entries.Add(new LogEntry(
                logLevel,
                formatter(state, exception),
                values.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
                exception));
        }
    }
}
