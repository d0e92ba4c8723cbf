using Connections.Application;
using Connections.Infrastructure;
using Connections.Infrastructure.Persistence;
using Connections.WebApi.Cli;
using Connections.WebApi.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var cli = KeysCli.IsInvocation(args);
var builder = WebApplication.CreateBuilder(cli ? KeysCli.HostArgs(args) : args);
if (cli)
{
    // The command line prints keys on stdout; keep the host's own logging out of the way.
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
}

builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
    k.Limits.MaxRequestLineSize = RequestLimits.MaxRequestLineBytes;
});
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddWebApi()
    .AddTelemetry(builder.Configuration);
builder.Services.AddSingleton<OwnerKeyBootstrap>();

// The build-time OpenAPI generator runs this Program without a database: skip all database work then.
var generatingDocument = Startup.IsBuildTimeDocumentGeneration();
if (!generatingDocument)
{
    builder.Services.AddDatabaseKeyRing(builder.Configuration, builder.Environment);
    if (!cli)
    {
        builder.Services.AddSyncScheduler();
    }
}

var app = builder.Build();
if (!generatingDocument)
{
    await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
}

if (cli)
{
    return await KeysCli.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (!generatingDocument)
{
    await app.Services.GetRequiredService<OwnerKeyBootstrap>().EnsureOwnerKeyAsync(CancellationToken.None);
}

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseBodySizeLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().DisableRateLimiting();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "Connections API v1");
    o.RoutePrefix = "swagger";
});
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();
app.MapTelemetry();
app.MapControllers();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the functional tests.</summary>
public partial class Program;
