using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace ProductClassifier.Core.Similarity.Elasticsearch;

/// <summary>
/// The client for the configured server: its credentials (an API key, or a user and password) and, for https with a
/// certificate no system authority signed, the CA to trust (its file, or its SHA-256 fingerprint).
/// </summary>
public static class ElasticsearchConnection
{
    public static ElasticsearchClient CreateClient(SimilarityOptions options)
    {
        var url = options.ElasticsearchUrl
            ?? throw new UserFacingException("Similarity:Kind is Elasticsearch but Similarity:ElasticsearchUrl is not set.");
        var settings = new ElasticsearchClientSettings(url).RequestTimeout(options.ElasticsearchRequestTimeout);
        if (!string.IsNullOrEmpty(options.ElasticsearchApiKey)) settings.Authentication(new ApiKey(options.ElasticsearchApiKey));
        else if (!string.IsNullOrEmpty(options.ElasticsearchUserName))
            settings.Authentication(new BasicAuthentication(options.ElasticsearchUserName, options.ElasticsearchPassword ?? ""));
        if (!string.IsNullOrEmpty(options.ElasticsearchCertificateFingerprint))
            settings.CertificateFingerprint(options.ElasticsearchCertificateFingerprint);
        else if (!string.IsNullOrEmpty(options.ElasticsearchCaCertificate))
            settings.ServerCertificateValidationCallback(TrustOnly(LoadCa(options.ElasticsearchCaCertificate)));
        return new ElasticsearchClient(settings);
    }

    /// <summary>
    /// Accepts a server certificate that chains to <paramref name="ca"/> alone and names the host. The transport's own
    /// <c>CertificateValidations.AuthorityIsRoot</c> forgives an untrusted root, which would let any self-signed
    /// certificate through; a custom trust store with only this CA does not.
    /// </summary>
    internal static Func<object, X509Certificate, X509Chain, SslPolicyErrors, bool> TrustOnly(X509Certificate2 ca) =>
        (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None) return true;
            if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var presented = new X509Certificate2(certificate);
            return chain.Build(presented);
        };

    private static X509Certificate2 LoadCa(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new UserFacingException($"Similarity:ElasticsearchCaCertificate: cannot read a certificate from {path}: {e.Message}", e);
        }
    }
}
