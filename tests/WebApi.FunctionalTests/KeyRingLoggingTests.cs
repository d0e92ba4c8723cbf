using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// The EF Core key store logs each key's XML at Debug level; without a certificate that XML is the key itself, so the
/// service caps that category even when an operator turns Data Protection logging up to Debug, for every logger or
/// for one logger provider (a provider's own rule outranks rules that name no provider).
/// </summary>
public sealed class KeyRingLoggingTests : FunctionalTest
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Debug",
        [$"Logging:{typeof(CapturedLogs).FullName}:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Debug",
    };

    [Test]
    public async Task KeyRing_WhenDataProtectionDebugLoggingIsOn_ShouldNeverLogKeyMaterial()
    {
        await CreateAsync(MemberA, SlackBody(UniqueName("Debug ring")));

        var lines = Logs.Lines.ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines.Any(l => l.StartsWith("Debug Microsoft.AspNetCore.DataProtection.", StringComparison.Ordinal)), Is.True,
                "Data Protection debug logging really is on");
            Assert.That(lines.Where(l => l.Contains("<masterKey", StringComparison.Ordinal)), Is.Empty, "no key material in the log");
            Assert.That(lines.Where(l => l.StartsWith("Debug Microsoft.AspNetCore.DataProtection.EntityFrameworkCore", StringComparison.Ordinal)), Is.Empty);
        });
    }
}
