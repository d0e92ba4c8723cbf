using Connections.Application.ApiKeys.Commands.CreateApiKey;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Infrastructure.Persistence;
using Connections.Infrastructure.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Connections.WebApi.Cli;

/// <summary>
/// First run: when no API key exists yet, creates an owner key and writes it once to a file only the current user can
/// read (<c>&lt;data dir&gt;/owner-api-key.txt</c>, mode 600). The log names the file, never the key.
/// </summary>
public sealed partial class OwnerKeyBootstrap(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<OwnerKeyBootstrap> logger)
{
    public const string FileName = "owner-api-key.txt";

    public async Task EnsureOwnerKeyAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Bootstrap:CreateOwnerKey", true))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        if (await db.ApiKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        var email = configuration["Bootstrap:OwnerEmail"] ?? "owner@localhost";
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKeyCommand(email, CallerRole.Owner), cancellationToken);
        if (created.IsFailure)
        {
            throw new InvalidOperationException($"Could not create the first owner key: {created.Error.Code}. Check Bootstrap:OwnerEmail.");
        }

        var directory = Path.GetFullPath(database.Value.DataDirectory, environment.ContentRootPath);
        OwnerOnlyFiles.CreateFolder(directory);
        var path = Path.Combine(directory, FileName);
        // A new file, so the owner-only mode applies (an existing file would keep its old permissions).
        File.Delete(path);
        await using (var file = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), OwnerOnlyFiles.NewFile()))
        {
            await file.WriteLineAsync(created.Value.Key);
        }

        LogCreated(created.Value.ApiKey.Id, email, path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First run: created owner API key {KeyId} for {Email}; the key was written to {Path} (readable only by this user). Move it somewhere safe and delete the file.")]
    private partial void LogCreated(string keyId, string email, string path);
}
