using System.Text.RegularExpressions;
using Elastic.Clients.Elasticsearch;
using YamlDotNet.RepresentationModel;
using ProductClassifier.Core.Health;
using ProductClassifier.Training.Cli;

namespace ProductClassifier.Tests.Deployment;

/// <summary>
/// docker/compose.yaml (and the CPU override) parsed and checked against the repository and the app: what Docker would
/// only find out at <c>docker compose up</c>, and what it would never find out (a configuration key the app ignores).
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Folder = Path.Combine(DockerfileTests.Repository, "docker");
    private static readonly ComposeFile Compose = ComposeFile.Read(Path.Combine(Folder, "compose.yaml"));
    private static readonly ComposeFile CpuOverride = ComposeFile.Read(Path.Combine(Folder, "compose.cpu.yaml"));

    private static IEnumerable<ComposeService> Built => Compose.Services.Values.Where(s => s.Dockerfile is not null);
    private static ComposeService Service(string name) => Compose.Services[name];
    private static Dockerfile DockerfileOf(ComposeService service) => Dockerfile.Read(Path.Combine(Folder, service.BuildContext!, service.Dockerfile!));

    [Fact]
    public void The_services_are_the_ones_a_deployment_needs()
    {
        Assert.Equal(new[] { "elasticsearch", "elasticsearch-certs", "migrate", "postgres", "serve", "web", "worker" }, Compose.Services.Keys.Order());
        Assert.Equal(new[] { "migrate", "serve", "web", "worker" }, Built.Select(s => s.Name).Order());
    }

    [Fact]
    public void Every_build_names_a_context_and_a_Dockerfile_that_exist_and_only_arguments_the_Dockerfile_declares()
    {
        foreach (var service in Built.Concat(CpuOverride.Services.Values.Where(s => s.BuildArgs.Count > 0).Select(s => s with { Node = Merge(s) })))
        {
            var context = Path.GetFullPath(Path.Combine(Folder, service.BuildContext!));
            Assert.True(File.Exists(Path.Combine(context, "ProductClassifier.sln")), $"{service.Name}: build context {context} is not the repository root");
            Assert.True(File.Exists(Path.Combine(context, service.Dockerfile!)), $"{service.Name}: {service.Dockerfile} does not exist");
            var declared = DockerfileOf(service).GlobalArgs.Keys;
            Assert.All(service.BuildArgs, a => Assert.Contains(a.Key, declared));
            Assert.All(service.BuildArgs.Where(a => a.Key == "BACKEND"), a => Assert.Contains(a.Value, new[] { "cpu", "cuda" }));
            Assert.NotNull(service.Image);
        }
    }

    [Fact]
    public void The_app_services_set_only_configuration_keys_their_app_reads()
    {
        foreach (var service in Built)
        {
            var keys = service.Dockerfile!.EndsWith("web.Dockerfile", StringComparison.Ordinal) ? AppConfiguration.Web : AppConfiguration.Training;
            Assert.NotEmpty(service.Environment);
            Assert.All(service.Environment.Keys, v => Assert.True(keys.Contains(AppConfiguration.KeyOf(v)), $"{service.Name} sets {v}, which its app does not read"));
        }
        var kind = Service("web").Environment["Similarity__Kind"]; // ${SIMILARITY_KIND:-Embedded}: the default must be a kind
        Assert.True(Enum.TryParse<ProductClassifier.Core.Similarity.SimilarityIndexKind>(kind[(kind.IndexOf(":-", StringComparison.Ordinal) + 2)..^1], out _), kind);
        Assert.Equal("https://elasticsearch:9200", Service("worker").Environment["Similarity__ElasticsearchUrl"]);
        Assert.Contains("FirstAdmin__Password", Service("web").Environment.Keys);
    }

    [Fact]
    public void The_web_app_and_the_classify_API_are_checked_on_the_port_they_listen_on_at_their_readiness_path()
    {
        var webPort = DockerfileOf(Service("web")).Final.Environment["ASPNETCORE_HTTP_PORTS"];
        var serveCommand = Service("serve").Command!;
        Assert.Empty(CommandLine.Build().Parse(serveCommand.ToArray()).Errors);
        var servePort = new Uri(serveCommand[serveCommand.ToList().IndexOf("--urls") + 1]).Port.ToString();

        foreach (var (service, port) in new[] { (Service("web"), webPort), (Service("serve"), servePort) })
        {
            Assert.Equal(new[] { "CMD", "curl", "-fsS", "-o", "/dev/null", $"http://localhost:{port}{HealthEndpoints.ReadyPath}" }, service.HealthTest);
            Assert.Equal(port, Assert.Single(service.Ports).Split(':')[^1]);
        }
    }

    [Fact]
    public void The_commands_the_training_image_runs_are_verbs_of_the_command_line()
    {
        var entrypoint = Assert.Single(DockerfileTests.Training.Final.All("ENTRYPOINT")).ExecForm!;
        foreach (var service in Built.Where(s => s.Dockerfile!.EndsWith("training.Dockerfile", StringComparison.Ordinal)))
            Assert.Empty(CommandLine.Build().Parse(service.Command!.ToArray()).Errors);
        string[] health = ["CMD", .. entrypoint, "worker", "health"];
        Assert.Equal(health, Service("worker").HealthTest);
        Assert.Equal(new[] { "worker" }, Service("worker").Command);
    }

    [Fact]
    public void Migrations_run_once_in_the_migrate_service_before_any_app_service_starts()
    {
        var migrate = Service("migrate");
        Assert.Equal(new[] { "db", "migrate" }, migrate.Command);
        Assert.True(migrate.HealthDisabled);
        Assert.Equal(new[] { "ConnectionStrings__Postgres" }, migrate.Environment.Keys);
        Assert.Equal(Service("web").Environment["ConnectionStrings__Postgres"], migrate.Environment["ConnectionStrings__Postgres"]);
        Assert.Equal(("service_healthy", true), migrate.DependsOn["postgres"]);

        foreach (var service in Built.Where(s => s.Name != "migrate"))
        {
            Assert.Equal("false", service.Environment["Database__Migrate"]);
            Assert.Equal(("service_completed_successfully", true), service.DependsOn["migrate"]);
            Assert.Equal(("service_healthy", true), service.DependsOn["postgres"]);
            Assert.Equal(("service_healthy", false), service.DependsOn["elasticsearch"]); // only with the elasticsearch profile
        }
    }

    [Fact]
    public void Postgres_and_Elasticsearch_are_the_official_images_with_volumes_and_health_checks()
    {
        var postgres = Service("postgres");
        Assert.Matches(@"^postgres:\d+$", postgres.Image);
        Assert.Contains(("postgres", "/var/lib/postgresql/data"), postgres.Volumes);
        Assert.Equal("pg_isready", postgres.HealthTest![1]);

        var elasticsearch = Service("elasticsearch");
        var clientMajor = typeof(ElasticsearchClient).Assembly.GetName().Version!.Major;
        Assert.Matches($@"^docker\.elastic\.co/elasticsearch/elasticsearch:{clientMajor}\.\d+\.\d+$", elasticsearch.Image);
        Assert.Equal(elasticsearch.Image, Service("elasticsearch-certs").Image);
        Assert.Equal(new[] { "elasticsearch" }, elasticsearch.Profiles);
        Assert.Contains(("elasticsearch", "/usr/share/elasticsearch/data"), elasticsearch.Volumes);
        Assert.Contains("_cluster/health", string.Join(' ', elasticsearch.HealthTest!));
        Assert.Equal("single-node", elasticsearch.Environment["discovery.type"]);
    }

    [Fact]
    public void Workers_build_the_CUDA_backend_reserve_a_GPU_and_can_be_scaled_while_the_CPU_override_drops_both()
    {
        var worker = Service("worker");
        Assert.Equal("cuda", worker.BuildArgs["BACKEND"]);
        Assert.Equal(1, worker.GpuReservations);
        Assert.Null(worker.ContainerName); // a fixed name would stop --scale worker=N
        Assert.Empty(worker.Ports);

        var cpu = CpuOverride.Services["worker"];
        Assert.Equal("cpu", cpu.BuildArgs["BACKEND"]);
        Assert.Equal("!reset", cpu.Node["deploy"].Tag.Value);
        Assert.Equal(Service("serve").Image, cpu.Image); // the CPU worker is the training image serve already uses
    }

    [Fact]
    public void The_app_services_share_the_image_model_and_data_folders_through_named_volumes()
    {
        var training = DockerfileTests.Training.Final.Environment;
        var web = DockerfileTests.Web.Final.Environment;
        Assert.Equal(web["Images__Root"], training["Images__Root"]);
        var dataFolder = training[ProductClassifier.Core.Data.ProjectRoot.EnvironmentVariable] + "/.data";

        foreach (var service in Built.Where(s => s.Name != "migrate"))
        {
            Assert.Contains(("images", training["Images__Root"]), service.Volumes);
            Assert.Contains(("data", dataFolder), service.Volumes);
            Assert.Contains(("elasticsearch-certs", "/certs"), service.Volumes);
        }
        foreach (var name in new[] { "worker", "serve" }) Assert.Contains(("models", training["Models__Root"]), Service(name).Volumes);
        Assert.Equal("/certs/ca/ca.crt", Service("web").Environment["Similarity__ElasticsearchCaCertificate"]);
        Assert.All(Compose.Services.Values.SelectMany(s => s.Volumes), v => Assert.Contains(v.Volume, Compose.Volumes));
    }

    [Fact]
    public void Every_variable_the_compose_file_reads_is_in_the_example_env_file()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "compose.yaml"));
        var example = File.ReadAllLines(Path.Combine(Folder, "example.env")).Where(l => l.Contains('=') && !l.StartsWith('#')).Select(l => l.Split('=')[0]).ToHashSet();

        var variables = Interpolation().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("POSTGRES_PASSWORD", variables);
        Assert.All(variables, v => Assert.Contains(v, example));
    }

    private static IReadOnlyDictionary<string, YamlNode> Merge(ComposeService overriding)
    {
        // Compose merges an override file's build section into the base file's; enough of that for the build checks.
        var merged = new Dictionary<string, YamlNode>(Service(overriding.Name).Node);
        var build = ComposeFile.Map(merged["build"]);
        foreach (var (k, v) in ComposeFile.Map(overriding.Node["build"])) build[k] = v;
        merged["build"] = new YamlMappingNode(build.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), p.Value)));
        merged["image"] = overriding.Node["image"];
        return merged;
    }

    [GeneratedRegex(@"(?<!\$)\$\{(\w+)")]
    private static partial Regex Interpolation();
}
