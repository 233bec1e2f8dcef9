using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ProductClassifier.Core.Data;

/// <summary>
/// A private PostgreSQL cluster made from the installed server binaries, for machines where no
/// server is configured. As root, initdb and pg_ctl run as the unprivileged <c>postgres</c> user. Connections need a
/// password (scram-sha-256), never <c>trust</c>, so other local users and programs cannot reach the data through the
/// loopback port; the password lives in <see cref="PasswordFile"/>, readable by its owner only, and the connection
/// string names that file rather than holding the secret. A cluster made by an earlier version with <c>trust</c> is
/// given a password on its next start.
/// </summary>
public sealed class LocalPostgres
{
    public const int DefaultPort = 55432;
    public const string Database = "productclassifier";
    private const string User = "productclassifier";
    private const string ServiceUser = "postgres";

    private readonly string _binDir;
    private readonly bool _asRoot = Environment.UserName == "root";

    public LocalPostgres(string dataDir, int port, bool throwaway = false)
    {
        _binDir = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin or on PATH: install them " +
            "(Debian/Ubuntu: `apt-get install postgresql`) or set ConnectionStrings__Postgres to an existing server.");
        _requested = Path.GetFullPath(dataDir);
        _dataDir = new Lazy<string>(ResolveDataDir);
        Port = port;
        Throwaway = throwaway;
    }

    private readonly string _requested;
    private readonly Lazy<string> _dataDir;

    /// <summary>Where the cluster lives: the requested folder, or a temp folder when the service user cannot reach it.</summary>
    public string DataDir => _dataDir.Value;
    public int Port { get; }
    public bool Throwaway { get; }

    /// <summary>Set when the cluster had to move out of the requested folder (a folder the service user cannot reach).</summary>
    public string? RelocatedFrom { get; private set; }

    /// <summary>The password, in pgpass format (mode 0600): beside the cluster's folder, where its owner (not the service user) reads it.</summary>
    public string PasswordFile => DataDir + ".pgpass";

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = Database,
        Passfile = PasswordFile,
        Pooling = true,
        MaxPoolSize = 50,
        Timeout = 30,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>The cluster ./run and ./pc share: <c>.data/postgres</c> under the project root.</summary>
    public static LocalPostgres ForProject(string projectRoot) =>
        new(Path.Combine(projectRoot, ".data", "postgres"),
            int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port) ? port : DefaultPort);

    /// <summary>Overrides <see cref="DefaultPort"/> where another checkout's cluster already holds it.</summary>
    public const string PortVariable = "PRODUCTCLASSIFIER_PG_PORT";

    /// <summary>Newest <c>/usr/lib/postgresql/N/bin</c>, else the folder of <c>pg_ctl</c> on PATH.</summary>
    public static string? FindBinDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "pg_ctl"))) return fromEnv;
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d),
                    System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Version).FirstOrDefault();
            if (newest.Dir is not null) return newest.Dir;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(p => p.Length > 0 && File.Exists(Path.Combine(p, "pg_ctl")));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public bool IsRunning => File.Exists(Path.Combine(DataDir, "PG_VERSION"))
        && Run("pg_ctl", $"-D {Quote(DataDir)} status", throwOnError: false).ExitCode == 0;

    /// <summary>Creates the cluster when missing, starts it when stopped; returns its connection string.</summary>
    public async Task<string> EnsureStartedAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DataDir)!);
        using (AcquireLock())
        {
            if (!File.Exists(Path.Combine(DataDir, "PG_VERSION"))) Init();
            if (Run("pg_ctl", $"-D {Quote(DataDir)} status", throwOnError: false).ExitCode != 0) Start();
            if (TrustsConnections) await RequirePasswordAsync(ct);
        }
        await CreateDatabaseIfMissingAsync(ct);
        return ConnectionString;
    }

    public void Stop()
    {
        if (File.Exists(Path.Combine(DataDir, "PG_VERSION")))
            Run("pg_ctl", $"-D {Quote(DataDir)} -m fast -w stop", throwOnError: false);
    }

    /// <summary>Stops the cluster and deletes its files (throwaway test clusters only).</summary>
    public void Destroy()
    {
        Stop();
        if (Directory.Exists(DataDir)) Directory.Delete(DataDir, recursive: true);
        File.Delete(PasswordFile);
    }

    private string ResolveDataDir()
    {
        if (!_asRoot || ServiceUserCanReach(Path.GetDirectoryName(_requested)!)) return _requested;
        // A 0700 home keeps the service user out: keep the cluster under the system temp folder instead,
        // at a path derived from the requested one so every command finds the same cluster.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_requested)))[..12].ToLowerInvariant();
        RelocatedFrom = _requested;
        return Path.Combine(Path.GetTempPath(), $"productclassifier-pg-{hash}", "postgres");
    }

    private static bool ServiceUserCanReach(string dir)
    {
        Directory.CreateDirectory(dir);
        var psi = new ProcessStartInfo("su", [ServiceUser, "-s", "/bin/sh", "-c", $"test -x {Quote(dir)} && test -r {Quote(dir)}"])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    private void Init()
    {
        Directory.CreateDirectory(DataDir);
        if (_asRoot)
        {
            // The parent must be traversable by the service user, the data folder owned by it.
            Run("chmod", $"755 {Quote(Path.GetDirectoryName(DataDir)!)}", direct: true);
            Run("chown", $"{ServiceUser}: {Quote(DataDir)}", direct: true);
        }
        // The password file first: a cluster is never left with a password nobody kept.
        var password = WritePasswordFile();
        var initialPassword = Path.Combine(Path.GetTempPath(), $"productclassifier-pw-{Guid.NewGuid():N}");
        try
        {
            WriteOwnerOnly(initialPassword, password + "\n");
            if (_asRoot) Run("chown", $"{ServiceUser}: {Quote(initialPassword)}", direct: true);
            Run("initdb", $"-D {Quote(DataDir)} -U {User} --auth=scram-sha-256 --pwfile={Quote(initialPassword)} --encoding=UTF8 --locale=C.UTF-8");
        }
        finally { File.Delete(initialPassword); }
        // Only the tests' throwaway clusters trade durability for speed; ./run's commits survive a crash.
        var tuning = Throwaway ? "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n" : "";
        File.AppendAllText(Path.Combine(DataDir, "postgresql.conf"),
            $"\n# ProductClassifier local cluster\nlisten_addresses = '127.0.0.1'\nport = {Port}\n" +
            "unix_socket_directories = ''\nmax_connections = 200\nshared_buffers = 256MB\n" +
            "maintenance_work_mem = 256MB\nwork_mem = 32MB\n" + tuning);
        if (_asRoot) Run("chown", $"{ServiceUser}: {Quote(Path.Combine(DataDir, "postgresql.conf"))}", direct: true);
    }

    private string HbaFile => Path.Combine(DataDir, "pg_hba.conf");

    /// <summary>Whether pg_hba.conf lets anyone in without a password (clusters made before passwords were required).</summary>
    private bool TrustsConnections => File.Exists(HbaFile) && File.ReadLines(HbaFile).Any(IsTrustLine);

    private static bool IsTrustLine(string line)
    {
        var fields = line.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 0 && fields[^1] == "trust";
    }

    /// <summary>
    /// Gives a <c>trust</c> cluster a password and requires it: the role's password is set while trust still lets us
    /// in, then pg_hba.conf asks for scram-sha-256 and the server reloads it. Its commits become synchronous too,
    /// unless it is a throwaway test cluster.
    /// </summary>
    private async Task RequirePasswordAsync(CancellationToken ct)
    {
        var password = File.Exists(PasswordFile) ? ReadPasswordFile() : WritePasswordFile();
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            // The password is base64url (no quote can occur), and ALTER ROLE takes no parameters.
            var sql = $"SET password_encryption = 'scram-sha-256'; ALTER ROLE {User} PASSWORD '{password}';" +
                (Throwaway ? "" : " ALTER SYSTEM SET synchronous_commit = on;");
            await using var command = new NpgsqlCommand(sql, conn);
            await command.ExecuteNonQueryAsync(ct);
        }
        // Rewritten in place, so the file keeps its owner (the service user) and mode.
        File.WriteAllLines(HbaFile, File.ReadAllLines(HbaFile).Select(l => IsTrustLine(l) ? l[..l.LastIndexOf("trust", StringComparison.Ordinal)] + "scram-sha-256" : l));
        Run("pg_ctl", $"-D {Quote(DataDir)} reload");
    }

    /// <summary>Writes a new random password to <see cref="PasswordFile"/> (mode 0600) and returns it.</summary>
    private string WritePasswordFile()
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        if (File.Exists(PasswordFile)) File.Delete(PasswordFile);
        WriteOwnerOnly(PasswordFile, $"*:*:*:{User}:{password}\n"); // any port: PRODUCTCLASSIFIER_PG_PORT may move it
        return password;
    }

    private string ReadPasswordFile() => File.ReadLines(PasswordFile).First().Split(':')[^1];

    /// <summary>Creates <paramref name="path"/> readable and writable by its owner only, from the first byte.</summary>
    private static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(content);
    }

    private void Start()
    {
        var log = Path.Combine(DataDir, "server.log");
        var result = Run("pg_ctl", $"-D {Quote(DataDir)} -l {Quote(log)} -o \"-p {Port}\" -w -t 60 start", throwOnError: false);
        if (result.ExitCode != 0)
        {
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(5)) : result.Output;
            throw new InvalidOperationException($"PostgreSQL in {DataDir} did not start on port {Port}: {tail}");
        }
    }

    private async Task CreateDatabaseIfMissingAsync(CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", Database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private FileStream AcquireLock()
    {
        var lockPath = DataDir + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try { return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (attempt < 600) { Thread.Sleep(100); }
        }
    }

    private (int ExitCode, string Output) Run(string tool, string arguments, bool throwOnError = true, bool direct = false)
    {
        var exe = direct ? tool : Path.Combine(_binDir, tool);
        var psi = _asRoot && !direct
            ? new ProcessStartInfo("su", [ServiceUser, "-s", "/bin/sh", "-c", $"{Quote(exe)} {arguments}"])
            : new ProcessStartInfo("/bin/sh", ["-c", $"{Quote(exe)} {arguments}"]);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var output = (stdout.Result + stderr.Result).Trim();
        if (throwOnError && p.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments} failed ({p.ExitCode}): {output}");
        return (p.ExitCode, output);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
