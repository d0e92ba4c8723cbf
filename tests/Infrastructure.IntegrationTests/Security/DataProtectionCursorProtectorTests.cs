using System.Buffers.Text;
using Connections.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Connections.Infrastructure.IntegrationTests.Security;

/// <summary>Paging cursors sealed with the real Data Protection stack: typed by purpose, tamper-evident, opaque.</summary>
[TestFixture]
public class DataProtectionCursorProtectorTests
{
    private const string Key = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

    private readonly DataProtectionCursorProtector _protector = new(new EphemeralDataProtectionProvider());

    [Test]
    public void TryUnprotect_WhenTheSamePurpose_ShouldReturnThePayload()
    {
        var token = _protector.Protect("[\"connections\",null,null]", Key);

        _protector.TryUnprotect("[\"connections\",null,null]", token, out var payload).ShouldBeTrue();
        payload.ShouldBe(Key);
    }

    [Test]
    public void TryUnprotect_WhenAnotherPurpose_ShouldFail()
    {
        var token = _protector.Protect("[\"messages\",\"conn_1\"]", Key);

        _protector.TryUnprotect("[\"connections\",null,null]", token, out var payload).ShouldBeFalse();
        payload.ShouldBeEmpty();
    }

    [Test]
    public void TryUnprotect_WhenAnyByteIsChanged_ShouldFail()
    {
        var bytes = Base64Url.DecodeFromChars(_protector.Protect("p", Key));
        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;

            _protector.TryUnprotect("p", Base64Url.EncodeToString(tampered), out _).ShouldBeFalse($"byte {i}");
        }
    }

    [Test]
    public void TryUnprotect_WhenIssuedByAnotherKeyRing_ShouldFail()
    {
        var other = new DataProtectionCursorProtector(new EphemeralDataProtectionProvider());

        _protector.TryUnprotect("p", other.Protect("p", Key), out _).ShouldBeFalse();
    }

    [TestCase("")]
    [TestCase("not base64!")]
    [TestCase("%%%%")]
    [TestCase("djE6Y29ubl8x")] // the old, unsealed form: base64url of "v1:conn_1"
    public void TryUnprotect_WhenNotSealedByUs_ShouldFail(string token) =>
        _protector.TryUnprotect("p", token, out _).ShouldBeFalse();

    [Test]
    public void Protect_ShouldBeUrlSafeAndNotShowThePayload()
    {
        var token = _protector.Protect("p", Key);

        token.ShouldMatch("^[A-Za-z0-9_-]+$");
        token.ShouldNotContain("conn_");
        token.Length.ShouldBeLessThan(Connections.Application.Common.Models.PageCursors.MaxLength);
    }
}
