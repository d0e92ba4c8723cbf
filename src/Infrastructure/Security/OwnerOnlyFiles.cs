namespace Connections.Infrastructure.Security;

/// <summary>
/// The data folder and its files are readable only by the service's own user: folders 0700, files 0600. New ones are
/// created so; ones an older version left 0755/0644 are tightened at start-up. No-ops on Windows (ACLs apply there).
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupAndOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder (and missing parents) with mode 0700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Options that create a new file with mode 0600 (fails when the file exists, so the mode always applies).</summary>
    public static FileStreamOptions NewFile(FileAccess access = FileAccess.Write)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = access };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>
    /// Removes every group and other permission from the folder and the files directly in it, and from the extra
    /// files named (that may live elsewhere). Returns the paths it changed.
    /// </summary>
    public static IReadOnlyList<string> Tighten(string folder, params string[] extraFiles)
    {
        ArgumentNullException.ThrowIfNull(extraFiles);
        var changed = new List<string>();
        if (OperatingSystem.IsWindows())
        {
            return changed;
        }

        var paths = new List<string>();
        if (Directory.Exists(folder))
        {
            paths.Add(folder);
            paths.AddRange(Directory.EnumerateFiles(folder));
        }

        paths.AddRange(extraFiles.Where(File.Exists));
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupAndOthers) != 0)
            {
                File.SetUnixFileMode(path, mode & ~GroupAndOthers);
                changed.Add(path);
            }
        }

        return changed;
    }
}
