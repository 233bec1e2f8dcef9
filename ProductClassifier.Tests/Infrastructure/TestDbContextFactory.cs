using Microsoft.EntityFrameworkCore;
using ProductClassifier.Core.Data;

namespace ProductClassifier.Tests.Infrastructure;

/// <summary>Hands services that take a context factory (as the web app registers one) contexts on the test's database.</summary>
internal sealed class TestDbContextFactory(TestDatabase database) : IDbContextFactory<ClassifierDb>
{
    public ClassifierDb CreateDbContext() => database.Open();
}
