using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>A migrated database a test runs against: the shared cluster's (<see cref="TestDatabase"/>) or one it may restart (<see cref="RestartablePostgres"/>).</summary>
public interface IDatabaseUnderTest : IAsyncLifetime
{
    string ConnectionString { get; }

    ClassifierDb Open();
}
