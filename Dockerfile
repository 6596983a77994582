# Domkom in one image: the SPA built by crates/spa-build, the server built with cargo.
FROM rust:1-bookworm AS build
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libpq-dev pkg-config nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The same installers the README's commands use: the wasm target and wasm-opt.
RUN bash -c 'source scripts/setup.sh && build_spa'
RUN cargo build --release -p domkom-server

FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libpq5 ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /var/lib/domkom domkom \
    && mkdir -p /var/lib/domkom && chown domkom /var/lib/domkom
COPY --from=build /src/target/release/domkom /usr/local/bin/domkom
COPY --from=build /src/frontend/dist /usr/share/domkom/web
ENV DOMKOM_STATIC_DIR=/usr/share/domkom/web DOMKOM_DATA_DIR=/var/lib/domkom DOMKOM_ADDR=0.0.0.0:8080
USER domkom
EXPOSE 8080
CMD ["domkom", "serve"]
