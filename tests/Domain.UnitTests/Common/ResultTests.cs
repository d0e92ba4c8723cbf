using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Domain.UnitTests.Common;

[TestFixture]
public class ResultTests
{
    private static readonly Error SampleError = Error.NotFound("CONNECTION_NOT_FOUND", "No such connection.");

    [Test]
    public void Success_WhenCreated_ShouldBeSuccessWithoutError()
    {
        var result = Result.Success();

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.IsFailure, Is.False);
        Assert.That(result.Error, Is.Null);
    }

    [Test]
    public void Failure_WhenGivenError_ShouldBeFailureCarryingThatError()
    {
        var result = Result.Failure(SampleError);

        result.IsSuccess.ShouldBeFalse();
        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBeSameAs(SampleError);
    }

    [Test]
    public void Failure_WhenErrorIsNull_ShouldThrowArgumentNullException()
    {
        var exception = Should.Throw<ArgumentNullException>(() => Result.Failure(null!));

        exception.ParamName.ShouldBe("error");
    }

    [Test]
    public void ImplicitConversion_WhenErrorAssignedToResult_ShouldProduceFailure()
    {
        Result result = SampleError;

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBe(SampleError);
    }

    [Test]
    public void GenericSuccess_WhenCreatedThroughNonGenericFactory_ShouldCarryValue()
    {
        Result<int> result = Result.Success(42);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe(42);
        result.Error.ShouldBeNull();
    }

    [Test]
    public void Value_WhenResultSucceededWithNull_ShouldReturnNull()
    {
        var result = Result<string?>.Success(null);

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBeNull();
    }

    [Test]
    public void Value_WhenResultFailed_ShouldThrowNamingTheErrorCode()
    {
        var result = Result<string>.Failure(SampleError);

        var exception = Should.Throw<InvalidOperationException>(() => _ = result.Value);

        exception.Message.ShouldContain("CONNECTION_NOT_FOUND");
    }

    [Test]
    public void GenericFailure_WhenErrorIsNull_ShouldThrowArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => Result<string>.Failure(null!));
    }

    [Test]
    public void ImplicitConversion_WhenValueAssignedToGenericResult_ShouldProduceSuccess()
    {
        Result<string> result = "hello";

        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe("hello");
    }

    [Test]
    public void ImplicitConversion_WhenErrorAssignedToGenericResult_ShouldProduceFailure()
    {
        Result<string> result = SampleError;

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBeSameAs(SampleError);
    }

    [Test]
    public void GenericResult_WhenUsedAsNonGenericResult_ShouldKeepItsError()
    {
        Result baseResult = Result<int>.Failure(SampleError);

        baseResult.IsFailure.ShouldBeTrue();
        baseResult.Error.ShouldBe(SampleError);
    }
}

[TestFixture]
public class ErrorTests
{
    private static IEnumerable<TestCaseData> Factories()
    {
        yield return new TestCaseData((Func<string, string, Error>)Error.NotFound, ErrorType.NotFound).SetArgDisplayNames("NotFound");
        yield return new TestCaseData((Func<string, string, Error>)Error.Conflict, ErrorType.Conflict).SetArgDisplayNames("Conflict");
        yield return new TestCaseData((Func<string, string, Error>)Error.Forbidden, ErrorType.Forbidden).SetArgDisplayNames("Forbidden");
        yield return new TestCaseData((Func<string, string, Error>)Error.Validation, ErrorType.Validation).SetArgDisplayNames("Validation");
        yield return new TestCaseData((Func<string, string, Error>)Error.PreconditionFailed, ErrorType.PreconditionFailed)
            .SetArgDisplayNames("PreconditionFailed");
    }

    [TestCaseSource(nameof(Factories))]
    public void Factory_WhenCalled_ShouldSetCodeMessageAndType(Func<string, string, Error> factory, ErrorType expectedType)
    {
        var error = factory("SOME_CODE", "Something happened.");

        Assert.That(error.Code, Is.EqualTo("SOME_CODE"));
        Assert.That(error.Message, Is.EqualTo("Something happened."));
        Assert.That(error.Type, Is.EqualTo(expectedType));
    }

    [Test]
    public void Equals_WhenSameCodeMessageAndType_ShouldBeEqual()
    {
        var first = Error.Conflict("NAME_TAKEN", "The name is taken.");
        var second = new Error("NAME_TAKEN", "The name is taken.", ErrorType.Conflict);

        first.ShouldBe(second);
        first.GetHashCode().ShouldBe(second.GetHashCode());
    }

    [Test]
    public void Equals_WhenTypeDiffers_ShouldNotBeEqual()
    {
        var conflict = Error.Conflict("NAME_TAKEN", "The name is taken.");
        var validation = Error.Validation("NAME_TAKEN", "The name is taken.");

        conflict.ShouldNotBe(validation);
    }
}

[TestFixture]
public class ValidationErrorTests
{
    [Test]
    public void For_WhenGivenFieldAndMessage_ShouldBeValidationFailureKeyedByField()
    {
        var error = ValidationError.For("credentials.bot_token", "The bot token is required.");

        Assert.That(error.Code, Is.EqualTo("VALIDATION_FAILED"));
        Assert.That(error.Type, Is.EqualTo(ErrorType.Validation));
        Assert.That(error.Message, Is.EqualTo("One or more fields are invalid."));
        Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "credentials.bot_token" }));
        Assert.That(error.Errors["credentials.bot_token"], Is.EqualTo(new[] { "The bot token is required." }));
    }

    [Test]
    public void For_WhenFieldLookedUpWithDifferentCase_ShouldNotMatch()
    {
        var error = ValidationError.For("credentials.bot_token", "Required.");

        // JSON paths are case-sensitive: the dictionary uses ordinal comparison.
        error.Errors.ContainsKey("Credentials.Bot_Token").ShouldBeFalse();
    }

    [Test]
    public void ValidationError_WhenUsedAsResult_ShouldProduceFailureOfValidationType()
    {
        Result<int> result = ValidationError.For("name", "Too long.");

        result.IsFailure.ShouldBeTrue();
        result.Error.Type.ShouldBe(ErrorType.Validation);
        result.Error.ShouldBeOfType<ValidationError>().Errors["name"].ShouldBe(["Too long."]);
    }
}

[TestFixture]
public class ConnectionErrorCodeExtensionsTests
{
    [TestCase(ConnectionErrorCode.InvalidCredentials, "INVALID_CREDENTIALS")]
    [TestCase(ConnectionErrorCode.AuthExpired, "AUTH_EXPIRED")]
    [TestCase(ConnectionErrorCode.RateLimited, "RATE_LIMITED")]
    [TestCase(ConnectionErrorCode.InsufficientPermissions, "INSUFFICIENT_PERMISSIONS")]
    [TestCase(ConnectionErrorCode.NetworkError, "NETWORK_ERROR")]
    [TestCase(ConnectionErrorCode.PlatformError, "PLATFORM_ERROR")]
    public void ToWireName_WhenKnownCode_ShouldReturnScreamingSnakeCaseName(ConnectionErrorCode code, string expected)
    {
        Assert.That(code.ToWireName(), Is.EqualTo(expected));
    }

    [Test]
    public void ToWireName_WhenEveryDefinedCode_ShouldBeDistinct()
    {
        var names = Enum.GetValues<ConnectionErrorCode>().Select(c => c.ToWireName()).ToList();

        names.Count.ShouldBe(6);
        names.ShouldBeUnique();
    }

    [TestCase(0)]
    [TestCase(7)]
    public void ToWireName_WhenUndefinedValue_ShouldThrowArgumentOutOfRange(int value)
    {
        var code = (ConnectionErrorCode)value;

        var exception = Should.Throw<ArgumentOutOfRangeException>(() => code.ToWireName());

        exception.ParamName.ShouldBe("code");
    }

    [TestCase(ConnectionErrorCode.InvalidCredentials, true)]
    [TestCase(ConnectionErrorCode.AuthExpired, true)]
    [TestCase(ConnectionErrorCode.InsufficientPermissions, true)]
    [TestCase(ConnectionErrorCode.RateLimited, false)]
    [TestCase(ConnectionErrorCode.NetworkError, false)]
    [TestCase(ConnectionErrorCode.PlatformError, false)]
    public void IsCredentialFailure_WhenCode_ShouldClassifyCredentialVersusTransient(ConnectionErrorCode code, bool expected)
    {
        Assert.That(code.IsCredentialFailure(), Is.EqualTo(expected));
    }
}
