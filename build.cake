// Connections build and test pipeline (Cake 7, no addins).
//
//   dotnet tool restore && dotnet cake                   # = --target=Test, what CI runs (.ci/run)
//   dotnet cake --target=Build                           # restore + build the solution
//   dotnet cake --target=Bench                           # sync/search benchmark on SQLite and PostgreSQL (figures, not a test)
//   dotnet cake --target=Clean                           # dotnet clean + delete artifacts/
//   dotnet cake --configuration=Debug                    # Release by default, the same for build and tests
//   dotnet cake --target=Contract                        # refresh contracts/openapi.json + regenerate clients/typescript
//   dotnet cake --target=SqlScripts                      # refresh deploy/sql/*.sql (idempotent migration scripts, dotnet-ef)
//
// Test runs every suite in TestSuites below, even when one fails, against a throwaway PostgreSQL server
// (scripts/postgres.sh) that is always stopped afterwards. TRX files go to artifacts/test-results/.
// Its last line of output is always `Tests: N passed, M failed` (`, K skipped` when some were skipped);
// it exits non-zero when a test failed, a suite crashed, or no test ran at all.

using System.Text.RegularExpressions;
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");

var solution = File("./Connections.sln");
var artifacts = MakeAbsolute(Directory("./artifacts"));
var testResults = artifacts.Combine("test-results");
const string clientDirectory = "clients/typescript";

// Stands for the throwaway server's Npgsql connection string in a suite's environment (see TestSuites).
const string Postgres = "{postgres}";

// ------------------------------------------------------------------------------------------------------------------
// The test suites, run in this order. Adding a suite is adding one entry.
//   DotNetSuite(name, project, env...)  runs `dotnet test --no-build` and reads <name>.trx.
//   CommandSuite(name, tool, args, workingDirectory, parser, env...)  runs any command and reads counts from its
//   output through `parser`, e.g. the TypeScript contract tests once they exist:
//     CommandSuite("contract", "node", "--test --test-reporter=tap", "clients/typescript", ParseNodeTestSummary),
// A suite whose environment mentions Postgres does not run when the server could not be started.
// ------------------------------------------------------------------------------------------------------------------
TestSuite[] TestSuites() => new[]
{
    DotNetSuite("domain", "tests/Domain.UnitTests"),
    DotNetSuite("application", "tests/Application.UnitTests"),
    DotNetSuite("architecture", "tests/Architecture.Tests"),
    DotNetSuite("infrastructure", "tests/Infrastructure.IntegrationTests",
        ("CONNECTIONS_TEST_POSTGRES", Postgres)),
    DotNetSuite("functional-sqlite", "tests/WebApi.FunctionalTests",
        ("CONNECTIONS_TEST_DB", "Sqlite")),
    DotNetSuite("functional-postgres", "tests/WebApi.FunctionalTests",
        ("CONNECTIONS_TEST_DB", "Postgres"), ("CONNECTIONS_TEST_POSTGRES", Postgres)),
    // Against the SQL Server that CONNECTIONS_TEST_SQLSERVER (from the environment) names; without it every test of
    // the suite reports as skipped (no SQL Server engine can be installed here). See README, Running on SQL Server.
    DotNetSuite("functional-sqlserver", "tests/WebApi.FunctionalTests",
        ("CONNECTIONS_TEST_DB", "SqlServer")),
    // The TypeScript contract suite: compiles the generated client and its tests (tsc --strict), checks the client
    // and the compatibility with the previous release, and drives the built service through Prism (see the README
    // in clients/typescript). Its node packages come from the lockfile (NodePackages).
    CommandSuite("contract", "npm", "test --silent", clientDirectory, ParseNodeTestSummary,
        ("CONNECTIONS_CONFIGURATION", configuration)),
};

// ------------------------------------------------------------------------------------------------------------------
// Tasks
// ------------------------------------------------------------------------------------------------------------------

List<string> testSummary = null;   // per-suite lines and the final `Tests: …` line, once Test has run the suites

Task("Clean")
    .Description("dotnet clean, and delete artifacts/ (stopping a leftover test PostgreSQL first).")
    .Does(() =>
{
    RunScript("scripts/postgres.sh", "stop");
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Minimal });
    if (DirectoryExists(artifacts))
    {
        DeleteDirectory(artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
    }
});

Task("Restore")
    .Does(() => DotNetRestore(solution));

Task("Build")
    .IsDependentOn("Restore")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoRestore = true,
        Verbosity = DotNetVerbosity.Minimal,
    });
});

Task("NodePackages")
    .Description("Install the TypeScript client's node packages exactly as its lockfile says (npm ci).")
    .Does(() => Npm("ci --no-audit --no-fund"));

Task("Contract")
    .Description("Copy the OpenAPI document the build wrote to contracts/openapi.json and regenerate the TypeScript client from it.")
    .IsDependentOn("Build")
    .IsDependentOn("NodePackages")
    .Does(() =>
{
    // Written at build time by Microsoft.Extensions.ApiDescription.Server (WebApi.csproj OpenApiDocumentsDirectory).
    CopyFile(artifacts.CombineWithFilePath("openapi/WebApi.json"), File("./contracts/openapi.json"));
    Npm("run generate --silent");
    Information("Refreshed contracts/openapi.json and clients/typescript/src/connections-client.ts: review the diff, "
        + "and acknowledge any breaking change in contracts/CHANGELOG.md.");
});

Task("SqlScripts")
    .Description("Regenerate the idempotent migration scripts in deploy/sql/ with dotnet-ef (SQL Server and PostgreSQL; EF writes none for SQLite).")
    .IsDependentOn("Build")
    .Does(() =>
{
    foreach (var (context, file) in new[] { ("SqlServerConnectionsDbContext", "sqlserver.sql"), ("PostgresConnectionsDbContext", "postgres.sql") })
    {
        var exit = StartProcess("dotnet", new ProcessSettings
        {
            Arguments = "dotnet-ef migrations script --idempotent --no-build --configuration " + configuration
                + " --project src/Infrastructure --startup-project tools/DesignTime"
                + $" --context {context} --output deploy/sql/{file}",
        });
        if (exit != 0)
        {
            throw new CakeException($"dotnet ef migrations script for {context} exited {exit}.");
        }
    }
    Information("Refreshed deploy/sql/: review the diff and commit it with the migration.");
});

Task("Bench")
    .Description("Sync throughput against a plain batched insert, peak memory and search latency on SQLite and PostgreSQL (prints figures).")
    .IsDependentOn("Build")
    .Does(() =>
{
    RunScript("scripts/postgres.sh", "stop");
    var url = RunScript("scripts/postgres.sh", "start").LastOrDefault();
    try
    {
        var exit = StartProcess("dotnet", new ProcessSettings
        {
            Arguments = $"run -c {configuration} --no-build --project bench/Connections.Benchmarks -- --provider all --search-rows {Argument("search-rows", "1000000")}",
            EnvironmentVariables = new Dictionary<string, string> { ["CONNECTIONS_TEST_POSTGRES"] = url ?? "" },
        });
        if (exit != 0)
        {
            throw new Exception($"The benchmark exited with {exit}.");
        }
    }
    finally
    {
        RunScript("scripts/postgres.sh", "stop");
    }
});

Task("Test")
    .Description("Run every test suite against a throwaway PostgreSQL and print the totals.")
    .IsDependentOn("Build")
    .IsDependentOn("NodePackages")
    .Does(() =>
{
    EnsureDirectoryExists(testResults);
    CleanDirectory(testResults);   // no stale TRX from an earlier run may be counted

    var outcomes = new List<SuiteOutcome>();
    string postgresUrl = null;
    try
    {
        RunScript("scripts/postgres.sh", "stop");   // a leftover server from an interrupted run: start afresh
        postgresUrl = RunScript("scripts/postgres.sh", "start").LastOrDefault();
        if (string.IsNullOrWhiteSpace(postgresUrl)) { postgresUrl = null; }
        if (postgresUrl is null) { Error("PostgreSQL did not start: the suites that need it will not run."); }

        foreach (var suite in TestSuites())
        {
            if (suite.NeedsPostgres && postgresUrl is null)
            {
                outcomes.Add(new SuiteOutcome(suite.Name, SuiteCounts.None, "not run: PostgreSQL did not start"));
                continue;
            }
            Information("");
            Information($"==> {suite.Name}");
            outcomes.Add(suite.Run(postgresUrl));
        }
    }
    finally
    {
        RunScript("scripts/postgres.sh", "stop");
    }

    testSummary = Summarize(outcomes, out var failureReason);
    if (failureReason is not null)
    {
        throw new CakeException(failureReason);
    }
});

// ------------------------------------------------------------------------------------------------------------------
// Running suites
// ------------------------------------------------------------------------------------------------------------------

record SuiteCounts(int Passed, int Failed, int Skipped)
{
    public static readonly SuiteCounts None = new(0, 0, 0);
    public int Total => Passed + Failed + Skipped;
    public static SuiteCounts operator +(SuiteCounts a, SuiteCounts b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);
}

/// <summary>What a suite reported. Problem is set when the suite itself broke (crash, no results, not run).</summary>
record SuiteOutcome(string Name, SuiteCounts Counts, string Problem);

record TestSuite(string Name, (string Name, string Value)[] Env, Func<IDictionary<string, string>, SuiteOutcome> Runner)
{
    public bool NeedsPostgres => Env.Any(e => e.Value.Contains(Postgres));

    public SuiteOutcome Run(string postgresUrl) =>
        Runner(Env.ToDictionary(e => e.Name, e => e.Value.Replace(Postgres, postgresUrl ?? "")));
}

TestSuite DotNetSuite(string name, string project, params (string Name, string Value)[] environment) =>
    new(name, environment, env => RunDotNetTest(name, project, env));

TestSuite CommandSuite(string name, string tool, string arguments, string workingDirectory,
    Func<IReadOnlyList<string>, SuiteCounts> parser, params (string Name, string Value)[] environment) =>
    new(name, environment, env => RunCommand(name, tool, arguments, workingDirectory, parser, env));

SuiteOutcome RunDotNetTest(string name, string project, IDictionary<string, string> environment)
{
    var trx = testResults.CombineWithFilePath($"{name}.trx");
    var exitCode = 0;
    try
    {
        DotNetTest(project, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = testResults,
            Loggers = new[] { $"trx;LogFileName={name}.trx" },
            EnvironmentVariables = environment,
            HandleExitCode = code => { exitCode = code; return true; },   // a failing suite must not stop the others
        });
    }
    catch (Exception ex)
    {
        return new SuiteOutcome(name, SuiteCounts.None, $"crashed: {ex.Message}");
    }

    if (!FileExists(trx))
    {
        return new SuiteOutcome(name, SuiteCounts.None, $"crashed: dotnet test exited {exitCode} and wrote no TRX");
    }
    var counts = ReadTrx(trx);
    if (counts is null)
    {
        return new SuiteOutcome(name, SuiteCounts.None, $"crashed: {trx.GetFilename()} has no result counters");
    }
    // A project without tests exits 0 with an empty TRX: that is "no tests", not a crash. A non-zero exit that no
    // failed test explains (test host crash, assembly load failure) is a crash.
    if (exitCode != 0 && counts.Failed == 0)
    {
        return new SuiteOutcome(name, counts, $"crashed: dotnet test exited {exitCode} without a failed test");
    }
    return new SuiteOutcome(name, counts, null);
}

SuiteOutcome RunCommand(string name, string tool, string arguments, string workingDirectory,
    Func<IReadOnlyList<string>, SuiteCounts> parser, IDictionary<string, string> environment)
{
    IEnumerable<string> output;
    int exitCode;
    try
    {
        exitCode = StartProcess(tool, new ProcessSettings
        {
            Arguments = arguments,
            WorkingDirectory = workingDirectory,
            EnvironmentVariables = environment,
            RedirectStandardOutput = true,
        }, out output);
    }
    catch (Exception ex)
    {
        return new SuiteOutcome(name, SuiteCounts.None, $"crashed: {ex.Message}");
    }

    var lines = output.ToList();
    lines.ForEach(Console.WriteLine);
    var counts = parser(lines);
    if (counts is null)
    {
        return new SuiteOutcome(name, SuiteCounts.None, $"crashed: {tool} exited {exitCode} without a test summary");
    }
    if (exitCode != 0 && counts.Failed == 0)
    {
        return new SuiteOutcome(name, counts, $"crashed: {tool} exited {exitCode} without a failed test");
    }
    return new SuiteOutcome(name, counts, null);
}

/// <summary>The counters of a VSTest TRX file; null when it has none.</summary>
SuiteCounts ReadTrx(FilePath trx)
{
    var counters = XDocument.Load(trx.FullPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
    if (counters is null) { return null; }
    int Count(string attribute) => int.TryParse((string)counters.Attribute(attribute), out var n) ? n : 0;

    var passed = Count("passed") + Count("passedButRunAborted");
    var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
    // Everything else that was counted but not passed or failed (NUnit's ignored and inconclusive tests, …).
    var skipped = Math.Max(0, Count("total") - passed - failed);
    return new SuiteCounts(passed, failed, skipped);
}

/// <summary>
/// Counts from the summary `node --test` prints last (TAP: `# pass 3`; the spec reporter: `ℹ pass 3`).
/// Cancelled tests count as failed, todo tests as skipped. Null when there is no summary.
/// </summary>
static SuiteCounts ParseNodeTestSummary(IReadOnlyList<string> output)
{
    var values = new Dictionary<string, int>();
    foreach (var line in output)
    {
        var match = Regex.Match(line, @"^\s*(?:#|ℹ)\s*(tests|pass|fail|cancelled|skipped|todo)\s+(\d+)\s*$");
        if (match.Success) { values[match.Groups[1].Value] = int.Parse(match.Groups[2].Value); }
    }
    if (!values.ContainsKey("pass") || !values.ContainsKey("fail")) { return null; }
    int Value(string key) => values.TryGetValue(key, out var n) ? n : 0;
    return new SuiteCounts(Value("pass"), Value("fail") + Value("cancelled"), Value("skipped") + Value("todo"));
}

/// <summary>One line per suite, then the `Tests: …` line; failureReason is null when all is well.</summary>
List<string> Summarize(IReadOnlyList<SuiteOutcome> outcomes, out string failureReason)
{
    var total = outcomes.Aggregate(SuiteCounts.None, (sum, o) => sum + o.Counts);
    var width = outcomes.Max(o => o.Name.Length);

    var lines = new List<string>();
    foreach (var o in outcomes)
    {
        var note = o.Problem ?? (o.Counts.Total == 0 ? "no tests" : null);
        lines.Add($"  {o.Name.PadRight(width)}  {Format(o.Counts)}{(note is null ? "" : $"  ({note})")}");
    }

    var reasons = new List<string>();
    if (total.Failed > 0) { reasons.Add($"{total.Failed} test(s) failed"); }
    var broken = outcomes.Where(o => o.Problem is not null).Select(o => o.Name).ToList();
    if (broken.Count > 0) { reasons.Add($"suite(s) did not run cleanly: {string.Join(", ", broken)}"); }
    if (total.Passed + total.Failed == 0) { reasons.Add("no test ran"); }
    failureReason = reasons.Count > 0 ? string.Join("; ", reasons) + "." : null;
    lines.Add($"Tests: {Format(total)}");
    return lines;

    static string Format(SuiteCounts c) =>
        $"{c.Passed} passed, {c.Failed} failed" + (c.Skipped > 0 ? $", {c.Skipped} skipped" : "");
}

/// <summary>Runs npm in the TypeScript client's directory. Throws on failure.</summary>
void Npm(string arguments)
{
    var exitCode = StartProcess("npm", new ProcessSettings { Arguments = arguments, WorkingDirectory = clientDirectory });
    if (exitCode != 0)
    {
        throw new CakeException($"npm {arguments} exited {exitCode}.");
    }
}

/// <summary>Runs a bash script from the repository, echoing its stderr, and returns its stdout lines. Throws on failure.</summary>
IReadOnlyList<string> RunScript(string script, string arguments)
{
    var exitCode = StartProcess("bash", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append(script).Append(arguments),
        RedirectStandardOutput = true,
    }, out var output);
    if (exitCode != 0)
    {
        throw new CakeException($"{script} {arguments} exited {exitCode}.");
    }
    return output.ToList();
}

// ------------------------------------------------------------------------------------------------------------------
// Run. The `Tests: …` line must be the very last line of output, so a failure of Test is reported here rather than
// by Cake's own error handler (which would print after it).
// ------------------------------------------------------------------------------------------------------------------

var testsRequested = target.Equals("Test", StringComparison.OrdinalIgnoreCase);
Exception failure = null;
try
{
    RunTarget(target);
}
catch (Exception ex) when (testsRequested)
{
    failure = ex;
}

if (testsRequested)
{
    if (failure is not null)
    {
        Error($"Error: {failure.Message}");
    }
    testSummary ??= new List<string> { "No test suite ran (the build or the test setup failed).", "Tests: 0 passed, 0 failed" };
    Console.Out.Flush();
    Console.Error.Flush();
    Console.WriteLine();
    testSummary.ForEach(Console.WriteLine);
    Console.Out.Flush();
    if (failure is not null)
    {
        System.Environment.Exit(1);
    }
}
