using System.Diagnostics;

namespace Connections.Application.Common.Telemetry;

/// <summary>
/// The service's own spans (one per sync run, so a run's platform calls and database statements form one trace and
/// its log lines carry one trace id). Tags are ids and outcome words only.
/// </summary>
public static class ConnectionsActivitySource
{
    public const string Name = "Connections";

    public static ActivitySource Instance { get; } = new(Name);
}
