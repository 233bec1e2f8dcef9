using Microsoft.EntityFrameworkCore.Design;

namespace ProductClassifier.Core.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<ClassifierDb>
{
    public ClassifierDb CreateDbContext(string[] args) =>
        ClassifierDbOptions.Create("Host=localhost;Database=design;Username=design");
}
