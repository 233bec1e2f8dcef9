using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProductClassifier.Core;
using static ProductClassifier.Tests.Core.Similarity.ElasticsearchRequestTests;

namespace ProductClassifier.Tests.Core.Similarity;

/// <summary>
/// Reaching a secured node, as a default Elasticsearch 9 container is (credentials, https with a certificate signed by a
/// CA of its own), against <see cref="FakeElasticsearch"/> over real TLS.
/// </summary>
public sealed class ElasticsearchConnectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pc-es-tls-").FullName;

    [Fact]
    public async Task An_API_key_is_sent_as_Elasticsearch_expects_it()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        server.RequiredAuthorization = "ApiKey c2VjcmV0LWtleQ==";

        await Index(server, configure: o => o.ElasticsearchApiKey = "c2VjcmV0LWtleQ==").EnsureIndexAsync();
        var refused = await Assert.ThrowsAsync<UserFacingException>(() => Index(server, configure: o => o.ElasticsearchApiKey = "wrong").EnsureIndexAsync());

        Assert.Contains("401", refused.Message);
    }

    [Fact]
    public async Task A_user_and_password_are_sent_as_basic_authentication()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        server.RequiredAuthorization = "Basic " + Convert.ToBase64String("elastic:changeme"u8.ToArray());

        await Index(server, configure: o => (o.ElasticsearchUserName, o.ElasticsearchPassword) = ("elastic", "changeme")).EnsureIndexAsync();

        Assert.Single(server.Indices);
    }

    [Fact]
    public async Task Https_with_a_private_CA_is_trusted_through_its_certificate_file_or_a_fingerprint_and_only_so()
    {
        using var ca = Authority("pc test CA");
        using var server = Leaf(ca, "localhost");
        await using var fake = await FakeElasticsearch.StartAsync(server);
        var caFile = Path.Combine(_folder, "http_ca.crt");
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());
        using var stranger = Authority("someone else");
        var strangerFile = Path.Combine(_folder, "other_ca.crt");
        await File.WriteAllTextAsync(strangerFile, stranger.ExportCertificatePem());

        await Index(fake, "by-file", o => o.ElasticsearchCaCertificate = caFile).EnsureIndexAsync();
        // The fingerprint is matched against every certificate the node presents. Elasticsearch presents its CA beside its
        // own certificate; .NET's TLS (the fake's) leaves a root out, so here the node's own certificate stands in for it.
        await Index(fake, "by-fingerprint", o => o.ElasticsearchCertificateFingerprint = server.GetCertHashString(HashAlgorithmName.SHA256)).EnsureIndexAsync();
        var wrongPrint = await Assert.ThrowsAsync<UserFacingException>(() =>
            Index(fake, "wrong-print", o => o.ElasticsearchCertificateFingerprint = stranger.GetCertHashString(HashAlgorithmName.SHA256)).EnsureIndexAsync());
        var untrusted = await Assert.ThrowsAsync<UserFacingException>(() => Index(fake, "untrusted").EnsureIndexAsync());
        var wrongCa = await Assert.ThrowsAsync<UserFacingException>(() => Index(fake, "wrong-ca", o => o.ElasticsearchCaCertificate = strangerFile).EnsureIndexAsync());

        Assert.Equal(2, fake.Indices.Count);
        Assert.Contains("Similarity:ElasticsearchCaCertificate", untrusted.Message);
        Assert.Contains("could not be reached", wrongCa.Message);
        Assert.Contains("could not be reached", wrongPrint.Message);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_not_mistaken_for_one_the_CA_signed()
    {
        using var ca = Authority("pc test CA");
        using var impostor = Authority("localhost", serverName: "localhost");
        await using var fake = await FakeElasticsearch.StartAsync(impostor);
        var caFile = Path.Combine(_folder, "http_ca.crt");
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem());

        await Assert.ThrowsAsync<UserFacingException>(() => Index(fake, configure: o => o.ElasticsearchCaCertificate = caFile).EnsureIndexAsync());

        Assert.Empty(fake.Indices);
    }

    private static X509Certificate2 Authority(string name, string? serverName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(serverName is null, false, 0, true));
        if (serverName is not null) request.CertificateExtensions.Add(Names(serverName));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string serverName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={serverName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(Names(serverName));
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4]);
        return signed.CopyWithPrivateKey(key);
    }

    private static X509Extension Names(string serverName)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        return names.Build();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
