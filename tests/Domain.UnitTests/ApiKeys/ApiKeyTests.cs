using Connections.Domain.ApiKeys;
using Connections.Domain.Common;

namespace Connections.Domain.UnitTests.ApiKeys;

[TestFixture]
public class ApiKeyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Create_WhenEmailHasUpperCaseAndSpaces_ShouldStoreItTrimmedAndLowerCased()
    {
        var key = ApiKey.Create("  Alice.Smith@Example.COM ", CallerRole.Owner, "abc123", T0);

        Assert.That(key.Email, Is.EqualTo("alice.smith@example.com"));
        Assert.That(key.Role, Is.EqualTo(CallerRole.Owner));
        Assert.That(key.SecretHash, Is.EqualTo("abc123"));
        Assert.That(key.CreatedAt, Is.EqualTo(T0));
        Assert.That(key.RevokedAt, Is.Null);
        Assert.That(key.IsActive, Is.True);
        Assert.That(Ids.IsValid(key.Id, "key_"), Is.True);
        Assert.That(ApiKey.IdPrefix, Is.EqualTo("key_"));
    }

    [TestCase(null, "hash")]
    [TestCase(" ", "hash")]
    [TestCase("a@b.c", "")]
    public void Create_WhenEmailOrHashBlank_ShouldThrow(string? email, string hash)
    {
        Should.Throw<ArgumentException>(() => ApiKey.Create(email!, CallerRole.Member, hash, T0));
    }

    [TestCase(0)]
    [TestCase(4)]
    public void Create_WhenRoleUndefined_ShouldThrowArgumentOutOfRange(int role)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ApiKey.Create("a@b.c", (CallerRole)role, "hash", T0)).ParamName.ShouldBe("role");
    }

    [Test]
    public void Revoke_WhenActive_ShouldRecordTimeAndDeactivate()
    {
        var key = ApiKey.Create("a@b.c", CallerRole.Member, "hash", T0);

        var result = key.Revoke(T0.AddHours(1));

        result.IsSuccess.ShouldBeTrue();
        key.RevokedAt.ShouldBe(T0.AddHours(1));
        key.IsActive.ShouldBeFalse();
    }

    [Test]
    public void Revoke_WhenAlreadyRevoked_ShouldReturnConflictAndKeepFirstRevocationTime()
    {
        var key = ApiKey.Create("a@b.c", CallerRole.Member, "hash", T0);
        key.Revoke(T0.AddHours(1));

        var result = key.Revoke(T0.AddHours(2));

        Assert.That(result.IsFailure, Is.True);
        Assert.That(result.Error!.Type, Is.EqualTo(ErrorType.Conflict));
        Assert.That(result.Error.Code, Is.EqualTo("API_KEY_ALREADY_REVOKED"));
        Assert.That(result.Error.Message, Does.Contain(key.Id));
        Assert.That(key.RevokedAt, Is.EqualTo(T0.AddHours(1)));
    }
}
