# Spotter: a static binary on distroless, non-root, data in a volume.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The same command CI builds with (.ci/run); time/tzdata is embedded by cmd/spotter.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/spotter ./cmd/spotter
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/spotter /usr/local/bin/spotter
COPY --from=build --chown=65532:65532 /out/data /data
ENV SPOTTER_DB=/data/spotter.db
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
# No shell in the image: spotter itself asks the server's /readyz on
# SPOTTER_LISTEN (3 s timeout, below Docker's 5 s).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/usr/local/bin/spotter", "health"]
ENTRYPOINT ["/usr/local/bin/spotter"]
CMD ["serve"]
