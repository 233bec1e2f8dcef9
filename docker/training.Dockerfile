# syntax=docker/dockerfile:1
# The training process: `pc worker` (the default command), `pc serve` (the classify API), `pc db migrate` and every
# other verb. BACKEND=cpu (the default) or cuda: cuda builds with -p:TorchBackend=cuda -p:OnnxRuntimeBackend=cuda
# (TorchSharp-cuda-linux and ONNX Runtime's CUDA execution provider, see build/GpuBackends.targets) and runs on
# NVIDIA's CUDA 12.8 + cuDNN 9 runtime image with the .NET runtime copied in.
#   docker build -f docker/training.Dockerfile -t productclassifier-training .
#   docker build -f docker/training.Dockerfile --build-arg BACKEND=cuda -t productclassifier-worker .
# ProductClassifier.Tests/Deployment runs this file's build stage without Docker (same COPY and dotnet commands).

ARG BACKEND=cpu

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG BACKEND
WORKDIR /src
# Restore first, from the project files alone, so a source change does not download the packages again. The publish
# restores once more, from the cache: what a restore brings in depends on the sources too (without the .razor files
# the Web SDK leaves out ASP.NET Core's framework assets, blazor.web.js).
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY build/ build/
COPY ProductClassifier.Core/ProductClassifier.Core.csproj ProductClassifier.Core/
COPY ProductClassifier.Training/ProductClassifier.Training.csproj ProductClassifier.Training/
RUN dotnet restore ProductClassifier.Training/ProductClassifier.Training.csproj -r linux-x64 -p:TorchBackend=$BACKEND -p:OnnxRuntimeBackend=$BACKEND
COPY ProductClassifier.Core/ ProductClassifier.Core/
COPY ProductClassifier.Training/ ProductClassifier.Training/
# linux-x64 only: libtorch and ONNX Runtime for the other platforms stay out of the image.
RUN dotnet publish ProductClassifier.Training/ProductClassifier.Training.csproj -c Release -r linux-x64 --self-contained false -p:TorchBackend=$BACKEND -p:OnnxRuntimeBackend=$BACKEND -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime-cpu
# curl for the classify API's health check; libgomp1 for LightGBM's OpenMP.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl libgomp1 \
    && rm -rf /var/lib/apt/lists/*

FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 AS runtime-cuda
# The ASP.NET Core runtime of the CPU image (also Ubuntu 24.04), and its non-root user with the same id, so the
# volumes both images share stay writable for both.
COPY --from=mcr.microsoft.com/dotnet/aspnet:10.0 /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl libgomp1 libicu74 tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 1654 app \
    && useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app
ENV APP_UID=1654 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

FROM runtime-${BACKEND}
WORKDIR /app
COPY --from=build /out .
RUN mkdir -p /var/lib/productclassifier/.data /var/lib/productclassifier/models /var/lib/productclassifier/images \
    && chown -R "$APP_UID" /var/lib/productclassifier
ENV PRODUCTCLASSIFIER_ROOT=/var/lib/productclassifier \
    Models__Root=/var/lib/productclassifier/models \
    Images__Root=/var/lib/productclassifier/images \
    Worker__HeartbeatFile=/tmp/productclassifier-worker.heartbeat
USER $APP_UID
# The worker's: its heartbeat file was rewritten within Worker:StaleAfterSeconds (compose overrides it for serve).
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/ProductClassifier.Training.dll", "worker", "health"]
ENTRYPOINT ["dotnet", "/app/ProductClassifier.Training.dll"]
CMD ["worker"]
