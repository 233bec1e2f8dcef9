# syntax=docker/dockerfile:1
# The web app (Blazor Server, MudBlazor). Built from the repository root by docker/compose.yaml, or by hand:
#   docker build -f docker/web.Dockerfile -t productclassifier-web .
# ProductClassifier.Tests/Deployment runs this file's build stage without Docker (same COPY and dotnet commands).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not download the packages again. The publish
# restores once more, from the cache: what a restore brings in depends on the sources too (without the .razor files
# the Web SDK leaves out ASP.NET Core's framework assets, blazor.web.js).
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY ProductClassifier.Core/ProductClassifier.Core.csproj ProductClassifier.Core/
COPY ProductClassifier.Web/ProductClassifier.Web.csproj ProductClassifier.Web/
RUN dotnet restore ProductClassifier.Web/ProductClassifier.Web.csproj -r linux-x64
COPY ProductClassifier.Core/ ProductClassifier.Core/
COPY ProductClassifier.Web/ ProductClassifier.Web/
# linux-x64 only: the natives of the other platforms stay out of the image. ResNet18's ONNX files (DnnImageModels/)
# come from their package into the output with the rest.
RUN dotnet publish ProductClassifier.Web/ProductClassifier.Web.csproj -c Release -r linux-x64 --self-contained false -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the health check; the image has none.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out .
# The volumes' mount points, owned by the image's non-root user (app, APP_UID 1654) so new volumes start writable.
RUN mkdir -p /var/lib/productclassifier/.data /var/lib/productclassifier/images \
    && chown -R "$APP_UID" /var/lib/productclassifier
ENV ASPNETCORE_HTTP_PORTS=8080 \
    PRODUCTCLASSIFIER_ROOT=/var/lib/productclassifier \
    Images__Root=/var/lib/productclassifier/images
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "http://localhost:8080/health/ready"]
ENTRYPOINT ["dotnet", "ProductClassifier.Web.dll"]
