using Connections.Application.Common.Behaviors;
using Connections.Application.Connections.Commands.CreateConnection;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;

namespace Connections.Application.UnitTests.Common;

[TestFixture]
public class ValidationBehaviorTests
{
    public sealed record RenameThing(string? Name, int Size) : IRequest<Result<string>>;

    public sealed record DoThing(string? Name) : IRequest<Result>;

    public sealed record PlainThing(string? Name) : IRequest<int>;

    private static InlineValidator<RenameThing> NameRequired()
    {
        var validator = new InlineValidator<RenameThing>();
        validator.RuleFor(r => r.Name).NotEmpty().WithMessage("Is required.");
        return validator;
    }

    private static InlineValidator<RenameThing> SizePositive()
    {
        var validator = new InlineValidator<RenameThing>();
        validator.RuleFor(r => r.Size).GreaterThan(0).WithMessage("Must be positive.");
        validator.RuleFor(r => r.Name).NotEmpty().WithMessage("Is required.");
        return validator;
    }

    [Test]
    public async Task Handle_WhenRequestInvalid_ShouldReturnValidationErrorWithoutCallingNext()
    {
        var behavior = new ValidationBehavior<RenameThing, Result<string>>([NameRequired()]);
        var nextCalls = 0;

        var response = await behavior.Handle(new RenameThing(null, 1), CancellationToken.None, () =>
        {
            nextCalls++;
            return Task.FromResult(Result<string>.Success("handled"));
        });

        Assert.That(nextCalls, Is.Zero);
        Assert.That(response.IsFailure, Is.True);
        var error = response.Error.ShouldBeOfType<ValidationError>();
        error.Code.ShouldBe("VALIDATION_FAILED");
        error.Errors.Keys.ShouldBe(["name"]);
        error.Errors["name"].ShouldBe(["Is required."]);
    }

    [Test]
    public async Task Handle_WhenRequestValid_ShouldCallNextOnceAndReturnItsResponse()
    {
        var behavior = new ValidationBehavior<RenameThing, Result<string>>([NameRequired(), SizePositive()]);
        var nextCalls = 0;

        var response = await behavior.Handle(new RenameThing("ok", 3), CancellationToken.None, () =>
        {
            nextCalls++;
            return Task.FromResult(Result<string>.Success("handled"));
        });

        nextCalls.ShouldBe(1);
        response.Value.ShouldBe("handled");
    }

    [Test]
    public async Task Handle_WhenNoValidators_ShouldCallNext()
    {
        var behavior = new ValidationBehavior<RenameThing, Result<string>>([]);

        var response = await behavior.Handle(new RenameThing(null, -1), CancellationToken.None, () => Task.FromResult(Result<string>.Success("handled")));

        response.Value.ShouldBe("handled");
    }

    [Test]
    public async Task Handle_WhenSeveralValidatorsFail_ShouldMergeFailuresByFieldWithoutDuplicateMessages()
    {
        var behavior = new ValidationBehavior<RenameThing, Result<string>>([NameRequired(), SizePositive()]);

        var response = await behavior.Handle(new RenameThing("", 0), CancellationToken.None, () => throw new AssertionException("next must not run"));

        var error = response.Error.ShouldBeOfType<ValidationError>();
        error.Errors.Keys.ShouldBe(["name", "size"], ignoreOrder: true);
        error.Errors["name"].ShouldBe(["Is required."]);
        error.Errors["size"].ShouldBe(["Must be positive."]);
    }

    [Test]
    public async Task Handle_WhenResponseIsNonGenericResult_ShouldReturnFailedResult()
    {
        var validator = new InlineValidator<DoThing>();
        validator.RuleFor(r => r.Name).NotEmpty().WithMessage("Is required.");
        var behavior = new ValidationBehavior<DoThing, Result>([validator]);

        var response = await behavior.Handle(new DoThing(null), CancellationToken.None, () => throw new AssertionException("next must not run"));

        response.IsFailure.ShouldBeTrue();
        response.Error.ShouldBeOfType<ValidationError>().Errors.Keys.ShouldBe(["name"]);
    }

    [Test]
    public void Handle_WhenResponseCannotCarryAnError_ShouldThrowWithoutCallingNext()
    {
        var validator = new InlineValidator<PlainThing>();
        validator.RuleFor(r => r.Name).NotEmpty();
        var behavior = new ValidationBehavior<PlainThing, int>([validator]);
        var nextCalls = 0;

        var exception = Should.Throw<InvalidOperationException>(() => behavior.Handle(new PlainThing(null), CancellationToken.None, () =>
        {
            nextCalls++;
            return Task.FromResult(1);
        }));

        exception.Message.ShouldContain(nameof(PlainThing));
        nextCalls.ShouldBe(0);
    }

    [Test]
    public async Task Handle_WhenRealCreateCommandInvalid_ShouldKeyErrorsBySnakeCaseJsonPathsAndNotEchoSecrets()
    {
        var behavior = new ValidationBehavior<CreateConnectionCommand, Result<ConnectionCreatedDto>>([new CreateConnectionCommandValidator()]);
        var command = new CreateConnectionCommand(
            "slack",
            "Team",
            new CredentialsInput("xoxp-CANARY-user-token", "CANARY_secret", null),
            new SettingsInput(1, null, null));

        var response = await behavior.Handle(command, CancellationToken.None, () => throw new AssertionException("next must not run"));

        var error = response.Error.ShouldBeOfType<ValidationError>();
        error.Errors.Keys.ShouldBe(["credentials.bot_token", "credentials.signing_secret", "settings.sync_interval_minutes"], ignoreOrder: true);
        error.Errors.Values.SelectMany(m => m).ShouldAllBe(m => !m.Contains("CANARY", StringComparison.Ordinal));
    }
}
