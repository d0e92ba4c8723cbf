using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Models;
using Moq;

namespace Connections.Application.UnitTests.Common;

[TestFixture]
public class PageCursorTests
{
    private const string LastId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

    [Test]
    public void Scope_WhenListsOrFiltersDiffer_ShouldDiffer()
    {
        string[] scopes =
        [
            PageCursors.Scope("connections", null, null),
            PageCursors.Scope("connections", "slack", null),
            PageCursors.Scope("connections", null, "slack"),
            PageCursors.Scope("connections", "", null),
            PageCursors.Scope("messages", null, null),
            PageCursors.Scope("connections", "a|b", null),
            PageCursors.Scope("connections", "a", "b"),
            PageCursors.Scope("connections", "a\",\"b", null),
        ];

        scopes.Distinct(StringComparer.Ordinal).Count().ShouldBe(scopes.Length);
    }

    [Test]
    public void Scope_WhenTheSameListAndFilters_ShouldBeTheSame() =>
        PageCursors.Scope("messages", "conn_1", "C1", null).ShouldBe(PageCursors.Scope("messages", "conn_1", "C1", null));

    [Test]
    public void IssueAndTryRead_WhenTheProtectorRoundTrips_ShouldReturnTheKeyForTheSameScope()
    {
        var protector = new Mock<ICursorProtector>(MockBehavior.Strict);
        protector.Setup(p => p.Protect("scope", LastId)).Returns("sealed");
        var payload = LastId;
        protector.Setup(p => p.TryUnprotect("scope", "sealed", out payload)).Returns(true);
        var cursors = new PageCursors(protector.Object);

        var cursor = cursors.Issue("scope", LastId);

        cursors.TryRead("scope", cursor, out var lastKey).ShouldBeTrue();
        lastKey.ShouldBe(LastId);
    }

    [TestCase("")]
    [TestCase(null)]
    public void TryRead_WhenTheCursorIsEmpty_ShouldFailWithoutCryptography(string? cursor)
    {
        var cursors = new PageCursors(new Mock<ICursorProtector>(MockBehavior.Strict).Object);

        cursors.TryRead("scope", cursor!, out var lastKey).ShouldBeFalse();
        lastKey.ShouldBeEmpty();
    }

    [Test]
    public void TryRead_WhenTheCursorIsLongerThanAnyWeIssue_ShouldFailWithoutCryptography()
    {
        var cursors = new PageCursors(new Mock<ICursorProtector>(MockBehavior.Strict).Object);

        cursors.TryRead("scope", new string('a', PageCursors.MaxLength + 1), out _).ShouldBeFalse();
    }

    [Test]
    public void TryRead_WhenTheProtectorRefuses_ShouldFail()
    {
        var protector = new Mock<ICursorProtector>();
        var payload = string.Empty;
        protector.Setup(p => p.TryUnprotect(It.IsAny<string>(), It.IsAny<string>(), out payload)).Returns(false);

        new PageCursors(protector.Object).TryRead("scope", "forged", out _).ShouldBeFalse();
    }

    [Test]
    public void TryRead_WhenTheSealedKeyIsEmpty_ShouldFail()
    {
        var protector = new Mock<ICursorProtector>();
        var payload = string.Empty;
        protector.Setup(p => p.TryUnprotect(It.IsAny<string>(), It.IsAny<string>(), out payload)).Returns(true);

        new PageCursors(protector.Object).TryRead("scope", "sealed-empty", out _).ShouldBeFalse();
    }

    [Test]
    public void Invalid_ShouldBeA400KeyedByCursorWithItsOwnCode()
    {
        PageCursors.Invalid.Code.ShouldBe("INVALID_CURSOR");
        PageCursors.Invalid.Errors.Keys.ShouldBe(["cursor"]);
    }
}
