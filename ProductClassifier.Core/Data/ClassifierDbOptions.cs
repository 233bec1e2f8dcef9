using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ProductClassifier.Core.Data;

/// <summary>How every process configures its <see cref="ClassifierDb"/>, so CLI, worker, web and tests agree.</summary>
public static class ClassifierDbOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations"))
            .UseSnakeCaseNamingConvention();

    public static ClassifierDb Create(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ClassifierDb>();
        Configure(builder, connectionString);
        return new ClassifierDb(builder.Options);
    }

    /// <summary>Raises command timeouts for bulk statements (rule application, upserts of big feeds).</summary>
    public static string ForBulkWork(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 600 }.ConnectionString;
}
